package oms.platform.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import oms.platform.id.TimeOrderedIds;
import tools.jackson.core.JacksonException;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Packs: consecutive events of one append with the same stream, type and trace travel as one outbox
 * row and one stream entry (docs/events.md), so a batch of 1,000 orders is 10 rows, claims, marks and
 * {@code XADD}s instead of 1,000 each. A pack's payload is a JSON array of {@code {"id","key","payload"}},
 * each element one event with its own id: consumers unpack it and dedupe, handle and park event by event
 * as before. A run of one event stays a plain row, as before packs existed.
 */
public final class EventPacks {

    /** At most this many events in one pack: bounds a stream entry (and what one read of a consumer holds). */
    public static final int MAX_EVENTS = 100;

    /** The stream entry field that marks a pack and says how many events it holds. */
    public static final String COUNT_FIELD = "events";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventPacks() {}

    /** An outbox row to write: one event ({@code events} 1) or a pack. */
    record Row(UUID id, String stream, String type, String key, String payload, String traceparent, int events) {}

    /**
     * The rows for events in append order; {@code traceparents} answers the trace of an event's key.
     * Only consecutive events are packed together, so every stream keeps the order of the append.
     */
    static List<Row> rows(List<OutboundEvent> events, UnaryOperator<String> traceparents) {
        List<Row> rows = new ArrayList<>();
        int start = 0;
        String startTrace =
                events.isEmpty() ? null : traceparents.apply(events.getFirst().key());
        for (int i = 1; i <= events.size(); i++) {
            String trace = i < events.size() ? traceparents.apply(events.get(i).key()) : null;
            if (i == events.size()
                    || i - start == MAX_EVENTS
                    || !sameRun(events.get(start), events.get(i))
                    || !Objects.equals(startTrace, trace)) {
                rows.add(row(events.subList(start, i), startTrace));
                start = i;
                startTrace = trace;
            }
        }
        return rows;
    }

    private static boolean sameRun(OutboundEvent a, OutboundEvent b) {
        return a.stream().equals(b.stream()) && a.type().equals(b.type());
    }

    private static Row row(List<OutboundEvent> run, String traceparent) {
        OutboundEvent first = run.getFirst();
        if (run.size() == 1) {
            return new Row(first.id(), first.stream(), first.type(), first.key(), first.payload(), traceparent, 1);
        }
        // the pack's own id is what the outbox and the relay's span know it by; its key is its first event's
        return new Row(
                TimeOrderedIds.next(),
                first.stream(),
                first.type(),
                first.key(),
                payload(run),
                traceparent,
                run.size());
    }

    /** A pack's payload: the events as a JSON array of {@code {"id","key","payload"}}, in order. */
    public static String payload(List<OutboundEvent> events) {
        StringBuilder payload =
                new StringBuilder(events.size() * (events.getFirst().payload().length() + 80));
        payload.append('[');
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        for (OutboundEvent event : events) {
            if (payload.length() > 1) {
                payload.append(',');
            }
            // the payload is already JSON (PostgreSQL checks it again as jsonb): it goes in as it is
            payload.append("{\"id\":\"").append(event.id()).append("\",\"key\":\"");
            encoder.quoteAsString(event.key(), payload);
            payload.append("\",\"payload\":").append(event.payload()).append('}');
        }
        payload.append(']');
        return payload.toString();
    }

    /**
     * The events of a pack entry, each with the entry's stream, message id, type and trace. An element
     * without a valid id or an object payload becomes an event with no id, which the consumer retries
     * and finally parks on its own; a payload that is not an array of objects becomes one such
     * event holding the whole payload, parked as a whole.
     */
    public static List<InboundEvent> unpack(
            String stream, String messageId, String type, String payload, String traceparent) {
        JsonNode elements;
        try {
            elements = payload == null ? null : JSON.readTree(payload);
        } catch (JacksonException e) {
            elements = null;
        }
        if (elements == null || !elements.isArray() || elements.isEmpty()) {
            return List.of(new InboundEvent(stream, messageId, null, type, null, payload, traceparent));
        }
        List<InboundEvent> events = new ArrayList<>(elements.size());
        for (JsonNode element : elements) {
            JsonNode body = element.get("payload");
            boolean wellFormed = body != null && body.isObject();
            events.add(new InboundEvent(
                    stream,
                    messageId,
                    // no id marks the event malformed: it is parked with the whole element as its payload
                    wellFormed ? uuid(element.get("id")) : null,
                    type,
                    element.path("key").asString(null),
                    wellFormed ? body.toString() : element.toString(),
                    traceparent));
        }
        return events;
    }

    private static UUID uuid(JsonNode value) {
        if (value == null || !value.isString()) {
            return null;
        }
        try {
            return UUID.fromString(value.asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
