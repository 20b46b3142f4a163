package oms.platform.events;

import java.util.UUID;
import oms.platform.id.TimeOrderedIds;

/**
 * An event to publish: {@code stream} is the Redis stream, {@code type} what happened, {@code key}
 * the aggregate it happened to (e.g. an order id), {@code payload} its JSON body.
 */
public record OutboundEvent(UUID id, String stream, String type, String key, String payload) {

    public static OutboundEvent of(String stream, String type, Object key, String payload) {
        return new OutboundEvent(TimeOrderedIds.next(), stream, type, String.valueOf(key), payload);
    }
}
