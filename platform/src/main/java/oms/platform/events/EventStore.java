package oms.platform.events;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.platform.tracing.EventTracing;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The database side of consuming: records each event id as processed in the same transaction as the
 * handler's effects, so an event delivered twice takes effect once.
 */
public class EventStore {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final EventHandler handler;
    private final EventTracing tracing;

    public EventStore(DatabaseClient db, TransactionalOperator tx, EventHandler handler) {
        this(db, tx, handler, EventTracing.off());
    }

    public EventStore(DatabaseClient db, TransactionalOperator tx, EventHandler handler, EventTracing tracing) {
        this.db = db;
        this.tx = tx;
        this.handler = handler;
        this.tracing = tracing;
    }

    /**
     * Runs the handler on the events this consumer has not processed yet, all in one transaction;
     * events of types the handler does not {@link EventHandler#handles handle} are passed over.
     */
    public void handleOnce(String consumer, List<InboundEvent> events) {
        if (events.stream().anyMatch(e -> e.id() == null || e.type() == null || e.payload() == null)) {
            throw new IllegalArgumentException("Malformed event in batch (no id, type or payload)");
        }
        // events of types the handler does not act on are not recorded: no row, no transaction for them
        List<InboundEvent> relevant =
                events.stream().filter(e -> handler.handles(e.type())).toList();
        if (relevant.isEmpty()) {
            return;
        }
        handleRelevant(consumer, relevant);
    }

    private void handleRelevant(String consumer, List<InboundEvent> events) {
        Mono<Void> work = db.sql("""
                        INSERT INTO processed_events (consumer, event_id)
                        SELECT :consumer, id FROM unnest(:ids::uuid[]) AS t(id)
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .bind("consumer", consumer)
                .bind("ids", events.stream().map(InboundEvent::id).toArray(UUID[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all()
                .collect(Collectors.toSet())
                .flatMap(fresh -> handle(events, fresh));
        // one consumer span per stream entry, child of its publish span; the handler's writes join those traces
        EventTracing.Consumption spans = tracing.consuming(
                consumer,
                events.getFirst().stream(),
                events.stream()
                        .map(e ->
                                new EventTracing.TracedEvent(e.id(), e.type(), e.key(), e.traceparent(), e.messageId()))
                        .toList());
        try {
            tx.transactional(work).contextWrite(spans::write).block();
        } catch (RuntimeException e) {
            spans.fail(e);
            throw e;
        }
        spans.end();
    }

    private Mono<Void> handle(List<InboundEvent> events, Set<UUID> fresh) {
        // a duplicate inside one batch counts once: the first copy is the one handled
        Set<UUID> taken = new java.util.HashSet<>();
        List<InboundEvent> todo = events.stream()
                .filter(e -> fresh.contains(e.id()) && taken.add(e.id()))
                .toList();
        return todo.isEmpty() ? Mono.empty() : handler.handle(todo);
    }

    public void park(String consumer, InboundEvent event, RuntimeException error, long deliveries) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO parked_events (consumer, stream, message_id, event_id, type, payload, error, deliveries)
                        VALUES (:consumer, :stream, :messageId, :eventId, :type, :payload, :error, :deliveries)""")
                .bind("consumer", consumer)
                .bind("stream", event.stream())
                .bind("messageId", event.messageId())
                .bind("error", message.length() > 2000 ? message.substring(0, 2000) : message)
                .bind("deliveries", (int) deliveries);
        spec = oms.platform.sql.Binds.nullable(spec, "eventId", event.id(), UUID.class);
        spec = oms.platform.sql.Binds.nullable(spec, "type", event.type(), String.class);
        spec = oms.platform.sql.Binds.nullable(spec, "payload", event.payload(), String.class);
        spec.fetch().rowsUpdated().block();
    }
}
