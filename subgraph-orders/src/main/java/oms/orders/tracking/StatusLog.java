package oms.orders.tracking;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import oms.orders.order.OrderStatus;
import oms.platform.tracing.EventTracing;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order status history as a feed. Writers append every status change here (one statement for a
 * whole batch) and the changes are published to the live fan-out once their transaction commits;
 * subscribers read what they missed from here.
 */
@Repository
public class StatusLog {

    /** A change to record: the order's new version and status, who, why and when. */
    public record Entry(
            UUID orderId,
            int version,
            OrderStatus from,
            OrderStatus to,
            String actor,
            String reason,
            OffsetDateTime at) {}

    private static final String COLUMNS = """
            h.seq, h.order_id, o.customer_id, o.number, h.version, h.from_status, h.to_status, h.at, h.actor, h.reason,
            h.traceparent""";

    private final DatabaseClient db;
    private final StatusPublisher publisher;
    private final EventTracing tracing;

    StatusLog(DatabaseClient db, StatusPublisher publisher, EventTracing tracing) {
        this.db = db;
        this.publisher = publisher;
        this.tracing = tracing;
    }

    /**
     * Appends the entries in one statement. Their feed positions come from the single status_feed row,
     * whose lock the transaction holds until it commits: positions are gapless and in commit order.
     * The same statement stamps when each order first reached CONFIRMED, SHIPPED or DELIVERED (the
     * fulfilment lead times of the sales report); placements (PENDING only) update no order row.
     * Call it as the last write to orders of a transaction (the feed row is the last lock taken).
     */
    public Mono<List<StatusEvent>> record(List<Entry> entries) {
        return record(entries, true);
    }

    /**
     * As {@link #record}, for writers whose own UPDATE of the orders already stamped the fulfilment
     * times: a second UPDATE of the same rows would only write another version of each.
     */
    public Mono<List<StatusEvent>> recordStamped(List<Entry> entries) {
        return record(entries, false);
    }

    private Mono<List<StatusEvent>> record(List<Entry> entries, boolean stamp) {
        if (entries.isEmpty()) {
            return Mono.just(List.of());
        }
        return tracing.parents()
                .flatMap(parents -> db.sql("""
                        WITH feed AS (
                            UPDATE status_feed SET position = position + :n RETURNING position - :n AS base),
                        rows AS (
                            SELECT * FROM unnest(:ids::uuid[], :versions::int[], :froms::text[], :tos::text[],
                                                 :actors::text[], :reasons::text[], :ats::timestamptz[], :traces::text[])
                                   WITH ORDINALITY AS t(order_id, version, from_status, to_status, actor, reason, at,
                                                        traceparent, ord)),
                        h AS (
                            INSERT INTO order_status_history (seq, order_id, version, from_status, to_status, actor, reason, at,
                                                              traceparent)
                            SELECT feed.base + rows.ord, rows.order_id, rows.version, rows.from_status, rows.to_status,
                                   rows.actor, rows.reason, rows.at, rows.traceparent
                            FROM rows, feed
                            RETURNING *),
                        reached AS (
                            SELECT order_id, min(at) FILTER (WHERE to_status = 'CONFIRMED') AS confirmed,
                                   min(at) FILTER (WHERE to_status = 'SHIPPED') AS shipped,
                                   min(at) FILTER (WHERE to_status = 'DELIVERED') AS delivered
                            FROM rows WHERE :stamp AND to_status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED')
                            GROUP BY order_id),
                        stamped AS (
                            UPDATE orders o SET confirmed_at = coalesce(o.confirmed_at, r.confirmed),
                                                shipped_at = coalesce(o.shipped_at, r.shipped),
                                                delivered_at = coalesce(o.delivered_at, r.delivered)
                            FROM reached r WHERE o.id = r.order_id)
                        SELECT %s FROM h
                        -- one index look-up per change (OFFSET 0 keeps the planner from making this a join): for a
                        -- batch it would otherwise hash the whole orders table, 15 ms at 40,000 orders
                        CROSS JOIN LATERAL (SELECT customer_id, number FROM orders WHERE id = h.order_id OFFSET 0) o
                        ORDER BY h.seq""".formatted(COLUMNS))
                        .bind("n", (long) entries.size())
                        .bind("stamp", stamp)
                        .bind("ids", entries.stream().map(Entry::orderId).toArray(UUID[]::new))
                        .bind("versions", entries.stream().map(Entry::version).toArray(Integer[]::new))
                        .bind(
                                "froms",
                                entries.stream()
                                        .map(e -> e.from() == null
                                                ? null
                                                : e.from().name())
                                        .toArray(String[]::new))
                        .bind("tos", entries.stream().map(e -> e.to().name()).toArray(String[]::new))
                        .bind("actors", entries.stream().map(Entry::actor).toArray(String[]::new))
                        .bind("reasons", entries.stream().map(Entry::reason).toArray(String[]::new))
                        .bind("ats", entries.stream().map(Entry::at).toArray(OffsetDateTime[]::new))
                        .bind(
                                "traces",
                                entries.stream()
                                        .map(e -> parents.apply(e.orderId().toString()))
                                        .toArray(String[]::new))
                        .map(StatusLog::event)
                        .all()
                        .collectList()
                        .flatMap(events -> publishAfterCommit(events).thenReturn(events)));
    }

    /** The current end of the feed. */
    public Mono<Long> position() {
        return db.sql("SELECT position FROM status_feed")
                .map(r -> r.get(0, Long.class))
                .one()
                .defaultIfEmpty(0L);
    }

    /**
     * Committed changes after feed position {@code after} up to {@code upTo}, oldest first, at most
     * {@code limit}; narrowed by the filter and, for one order, by version.
     */
    public Flux<StatusEvent> range(LiveFilter filter, long after, Integer afterVersion, long upTo, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append("""
                 FROM order_status_history h JOIN orders o ON o.id = h.order_id
                WHERE h.seq > :after AND h.seq <= :upTo""");
        if (filter.orderId() != null) {
            sql.append(" AND h.order_id = :order");
            if (afterVersion != null) {
                sql.append(" AND h.version > :version");
            }
        }
        if (filter.customerId() != null) {
            sql.append(" AND o.customer_id = :customer");
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND (h.to_status = ANY(:statuses) OR h.from_status = ANY(:statuses))");
        }
        sql.append(" ORDER BY h.seq LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql.toString()).bind("after", after).bind("upTo", upTo).bind("limit", limit);
        if (filter.orderId() != null) {
            spec = spec.bind("order", filter.orderId());
            if (afterVersion != null) {
                spec = spec.bind("version", afterVersion);
            }
        }
        if (filter.customerId() != null) {
            spec = spec.bind("customer", filter.customerId());
        }
        if (!filter.statuses().isEmpty()) {
            spec = spec.bind(
                    "statuses", filter.statuses().stream().map(Enum::name).toArray(String[]::new));
        }
        return spec.map(StatusLog::event).all();
    }

    private Mono<Void> publishAfterCommit(List<StatusEvent> events) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(sync -> {
                    if (!sync.isSynchronizationActive()) {
                        return publisher.publish(events);
                    }
                    sync.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return publisher.publish(events);
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, e -> publisher.publish(events));
    }

    private static StatusEvent event(Readable r) {
        String from = r.get("from_status", String.class);
        return new StatusEvent(
                r.get("seq", Long.class),
                r.get("order_id", UUID.class),
                r.get("customer_id", UUID.class),
                r.get("number", Long.class),
                from == null ? null : OrderStatus.valueOf(from),
                OrderStatus.valueOf(r.get("to_status", String.class)),
                r.get("version", Integer.class),
                r.get("at", OffsetDateTime.class),
                r.get("actor", String.class),
                r.get("reason", String.class),
                EventTracing.valid(r.get("traceparent", String.class)));
    }
}
