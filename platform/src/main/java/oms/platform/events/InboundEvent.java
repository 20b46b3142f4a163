package oms.platform.events;

import java.util.UUID;

/**
 * An event as a consumer receives it; {@code messageId} is its Redis stream entry id,
 * {@code traceparent} the trace it belongs to (null when it was published without one).
 */
public record InboundEvent(
        String stream, String messageId, UUID id, String type, String key, String payload, String traceparent) {

    public InboundEvent(String stream, String messageId, UUID id, String type, String key, String payload) {
        this(stream, messageId, id, type, key, payload, null);
    }
}
