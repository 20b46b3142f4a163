package oms.platform.events;

import java.util.Collection;
import java.util.List;
import oms.platform.tracing.EventTracing;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Writes events into the service's outbox table. Call it inside the business transaction: the
 * events exist exactly when the change that caused them was committed. Many events are one statement,
 * and consecutive events of one stream, type and trace share a row ({@link EventPacks}).
 */
public class Outbox {

    private final DatabaseClient db;
    private final OutboxRelay relay;
    private final EventTracing tracing;

    public Outbox(DatabaseClient db, OutboxRelay relay, EventTracing tracing) {
        this.db = db;
        this.relay = relay;
        this.tracing = tracing;
    }

    public Mono<Void> append(OutboundEvent event) {
        return append(List.of(event));
    }

    public Mono<Void> append(Collection<OutboundEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        List<OutboundEvent> ordered = List.copyOf(events);
        // each row remembers the trace it belongs to: the request's, or the consumed event's for that key;
        // consecutive events of one stream, type and trace go in one row (EventPacks)
        return tracing.parents().flatMap(parents -> {
            List<EventPacks.Row> rows = EventPacks.rows(ordered, parents);
            return db.sql("""
                            INSERT INTO outbox (event_id, stream, type, key, payload, traceparent, events)
                            SELECT id, stream, type, key, payload::jsonb, traceparent, events
                            FROM unnest(:ids::uuid[], :streams::text[], :types::text[], :keys::text[], :payloads::text[],
                                        :traces::text[], :counts::int[])
                                 AS t(id, stream, type, key, payload, traceparent, events)""")
                    .bind("ids", rows.stream().map(EventPacks.Row::id).toArray(java.util.UUID[]::new))
                    .bind("streams", rows.stream().map(EventPacks.Row::stream).toArray(String[]::new))
                    .bind("types", rows.stream().map(EventPacks.Row::type).toArray(String[]::new))
                    .bind("keys", rows.stream().map(EventPacks.Row::key).toArray(String[]::new))
                    .bind("payloads", rows.stream().map(EventPacks.Row::payload).toArray(String[]::new))
                    .bind(
                            "traces",
                            rows.stream().map(EventPacks.Row::traceparent).toArray(String[]::new))
                    .bind("counts", rows.stream().map(EventPacks.Row::events).toArray(Integer[]::new))
                    .fetch()
                    .rowsUpdated()
                    .then();
        });
    }

    /** Asks the relay to publish now rather than at its next poll; call after the transaction commits. */
    public void flushSoon() {
        relay.wakeUp();
    }
}
