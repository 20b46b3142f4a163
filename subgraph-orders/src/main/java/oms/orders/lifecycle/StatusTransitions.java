package oms.orders.lifecycle;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import oms.orders.order.OrderStatus;
import oms.orders.order.PaymentStatus;
import oms.orders.tracking.StatusEvent;
import oms.orders.tracking.StatusLog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies status changes to many orders at once, each only if the status machine allows it from the
 * order's current status: one UPDATE (which also stamps when the order first reached CONFIRMED,
 * SHIPPED or DELIVERED) and one history INSERT per round. Every applied change raises
 * the order's version by one and is recorded with who, when and why in the status feed, whose
 * subscribers hear of it once the transaction commits.
 */
@Component
public class StatusTransitions {

    private final DatabaseClient db;
    private final StatusLog statusLog;

    StatusTransitions(DatabaseClient db, StatusLog statusLog) {
        this.db = db;
        this.statusLog = statusLog;
    }

    /** A requested change; {@code payment} null keeps the payment status. */
    public record Change(UUID orderId, OrderStatus to, String actor, String reason, PaymentStatus payment) {}

    /** A change that took effect; {@code placedAt}: when the order was placed. */
    public record Applied(
            UUID orderId,
            UUID customerId,
            OrderStatus from,
            OrderStatus to,
            int version,
            String actor,
            String reason,
            OffsetDateTime at,
            OffsetDateTime placedAt) {}

    /** Applies the changes in order; several changes to one order are applied one after the other. */
    public Mono<List<Applied>> apply(List<Change> changes) {
        return apply(changes, applied -> Mono.empty());
    }

    /**
     * As {@link #apply(List)}, with {@code effects} (e.g. the outbox events the changes cause) written
     * after each round's UPDATE and before its history: the history takes the status feed's single
     * lock, which every status-changing transaction waits for, so it comes last and is held only until
     * the commit.
     */
    public Mono<List<Applied>> apply(List<Change> changes, Function<List<Applied>, Mono<Void>> effects) {
        List<List<Change>> rounds = new ArrayList<>();
        Map<UUID, Integer> seen = new LinkedHashMap<>();
        for (Change change : changes) {
            int round = seen.merge(change.orderId(), 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(change);
        }
        return Flux.fromIterable(rounds)
                .concatMap(round -> applyRound(round, effects))
                .collectList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    private Mono<List<Applied>> applyRound(List<Change> round, Function<List<Applied>, Mono<Void>> effects) {
        DatabaseClient.GenericExecuteSpec update = db.sql("""
                        WITH t AS (SELECT clock_timestamp() AS at),
                        wanted AS (
                            SELECT * FROM unnest(:ids::uuid[], :tos::text[], :froms::text[], :payments::text[],
                                                 :actors::text[], :reasons::text[])
                                   AS w(id, to_status, from_statuses, payment, actor, reason)),
                        -- each order locked by one index look-up (OFFSET 0 keeps the planner from making this a
                        -- join, which for a batch hashed the whole orders table: 10 ms at 40,000 orders)
                        current AS (
                            SELECT o.id, o.status FROM wanted w
                            CROSS JOIN LATERAL (SELECT id, status FROM orders WHERE id = w.id OFFSET 0 FOR UPDATE) o)
                        UPDATE orders o
                        SET status = w.to_status, version = o.version + 1, updated_at = t.at,
                            payment_status = coalesce(w.payment, o.payment_status),
                            confirmed_at = CASE WHEN w.to_status = 'CONFIRMED' THEN coalesce(o.confirmed_at, t.at)
                                                ELSE o.confirmed_at END,
                            shipped_at = CASE WHEN w.to_status = 'SHIPPED' THEN coalesce(o.shipped_at, t.at)
                                              ELSE o.shipped_at END,
                            delivered_at = CASE WHEN w.to_status = 'DELIVERED' THEN coalesce(o.delivered_at, t.at)
                                                ELSE o.delivered_at END
                        FROM wanted w, current c, t
                        WHERE o.id = w.id AND c.id = o.id AND c.status = ANY(string_to_array(w.from_statuses, ','))
                        RETURNING o.id, o.customer_id, c.status AS from_status, o.status AS to_status, o.version,
                                  w.actor, w.reason, o.updated_at, o.placed_at""")
                .bind("ids", round.stream().map(Change::orderId).toArray(UUID[]::new))
                .bind("tos", round.stream().map(c -> c.to().name()).toArray(String[]::new))
                .bind(
                        "froms",
                        round.stream()
                                .map(c -> String.join(",", allowedFrom(c.to())))
                                .toArray(String[]::new))
                .bind(
                        "payments",
                        round.stream()
                                .map(c ->
                                        c.payment() == null ? null : c.payment().name())
                                .toArray(String[]::new))
                .bind("actors", round.stream().map(Change::actor).toArray(String[]::new))
                .bind("reasons", round.stream().map(Change::reason).toArray(String[]::new));
        return update.map(r -> new Applied(
                        r.get("id", UUID.class),
                        r.get("customer_id", UUID.class),
                        OrderStatus.valueOf(r.get("from_status", String.class)),
                        OrderStatus.valueOf(r.get("to_status", String.class)),
                        r.get("version", Integer.class),
                        r.get("actor", String.class),
                        r.get("reason", String.class),
                        r.get("updated_at", OffsetDateTime.class),
                        r.get("placed_at", OffsetDateTime.class)))
                .all()
                .collectList()
                .flatMap(applied -> (applied.isEmpty() ? Mono.<Void>empty() : effects.apply(applied))
                        .then(recordHistory(applied))
                        .thenReturn(applied));
    }

    /** The UPDATE above stamped the fulfilment times already, in the same row version. */
    private Mono<List<StatusEvent>> recordHistory(List<Applied> applied) {
        return statusLog.recordStamped(applied.stream()
                .map(a ->
                        new StatusLog.Entry(a.orderId(), a.version(), a.from(), a.to(), a.actor(), a.reason(), a.at()))
                .toList());
    }

    static List<String> allowedFrom(OrderStatus target) {
        return Arrays.stream(OrderStatus.values())
                .filter(s -> s.canBecome(target))
                .map(Enum::name)
                .toList();
    }
}
