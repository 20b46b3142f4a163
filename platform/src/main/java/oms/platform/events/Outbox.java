package oms.platform.events;

import java.util.Collection;
import java.util.List;
import oms.platform.tracing.EventTracing;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Writes events into the service's outbox table. Call it inside the business transaction: the
 * events exist exactly when the change that caused them was committed. Many events are one statement.
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
        // each row remembers the trace it belongs to: the request's, or the consumed event's for that key
        return tracing.parents()
                .flatMap(parents -> db.sql("""
                        INSERT INTO outbox (event_id, stream, type, key, payload, traceparent)
                        SELECT id, stream, type, key, payload::jsonb, traceparent
                        FROM unnest(:ids::uuid[], :streams::text[], :types::text[], :keys::text[], :payloads::text[],
                                    :traces::text[])
                             AS t(id, stream, type, key, payload, traceparent)""")
                        .bind("ids", events.stream().map(OutboundEvent::id).toArray(java.util.UUID[]::new))
                        .bind(
                                "streams",
                                events.stream().map(OutboundEvent::stream).toArray(String[]::new))
                        .bind("types", events.stream().map(OutboundEvent::type).toArray(String[]::new))
                        .bind("keys", events.stream().map(OutboundEvent::key).toArray(String[]::new))
                        .bind(
                                "payloads",
                                events.stream().map(OutboundEvent::payload).toArray(String[]::new))
                        .bind(
                                "traces",
                                events.stream().map(e -> parents.apply(e.key())).toArray(String[]::new))
                        .fetch()
                        .rowsUpdated()
                        .then());
    }

    /** Asks the relay to publish now rather than at its next poll; call after the transaction commits. */
    public void flushSoon() {
        relay.wakeUp();
    }
}
