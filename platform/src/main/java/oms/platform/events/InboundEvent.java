package oms.platform.events;

import java.util.UUID;

/** An event as a consumer receives it; {@code messageId} is its Redis stream entry id. */
public record InboundEvent(String stream, String messageId, UUID id, String type, String key, String payload) {}
