package oms.inventory.reservation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.inventory.reservation.ReservationPlan.LevelChange;
import oms.inventory.reservation.ReservationPlan.Withdrawal;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The reservation saga's SQL: reads under lock, then one set-based statement per table. */
@Repository
class ReservationRepository {

    private final DatabaseClient db;

    ReservationRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Batches of order events take turns, whichever instance handles them, until their transaction
     * ends. Without it, a cancellation handled while another instance's placement of the same order
     * is uncommitted would find nothing to release and nothing to mark.
     */
    Mono<Void> takeTurn() {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('oms.inventory.reservations'))")
                .fetch()
                .rowsUpdated()
                .then();
    }

    Mono<Set<UUID>> findDecided(Collection<UUID> orderIds) {
        return db.sql("SELECT order_id FROM stock_decisions WHERE order_id = ANY(:ids)")
                .bind("ids", orderIds.toArray(UUID[]::new))
                .map(row -> row.get("order_id", UUID.class))
                .all()
                .collect(Collectors.toSet());
    }

    Mono<List<Reservation>> findHeld(Collection<UUID> orderIds) {
        return db.sql("SELECT order_id, product_id, quantity FROM reservations WHERE order_id = ANY(:ids)")
                .bind("ids", orderIds.toArray(UUID[]::new))
                .map(row -> new Reservation(
                        row.get("order_id", UUID.class),
                        row.get("product_id", UUID.class),
                        row.get("quantity", Integer.class)))
                .all()
                .collectList();
    }

    /** Locks the products' stock until the transaction ends, always in the same order so batches cannot deadlock. */
    Mono<Map<UUID, Units>> lockStock(Collection<UUID> productIds) {
        return db.sql("""
                        SELECT product_id, on_hand, reserved FROM stock_levels
                        WHERE product_id = ANY(:ids) ORDER BY product_id FOR UPDATE""")
                .bind("ids", productIds.toArray(UUID[]::new))
                .map(row -> Map.entry(
                        row.get("product_id", UUID.class),
                        new Units(row.get("on_hand", Integer.class), row.get("reserved", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    Mono<Void> write(ReservationPlan plan) {
        return recordDecisions(plan.decisions())
                .then(release(plan.releasedOrders()))
                .then(reserve(plan.reservations()))
                .then(changeLevels(plan.levelChanges()))
                .then(recordWithdrawals(plan.withdrawals()));
    }

    private Mono<Void> recordDecisions(Map<UUID, Decision> decisions) {
        if (decisions.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO stock_decisions (order_id, decision)
                        SELECT * FROM unnest(:ids::uuid[], :decisions::text[])""")
                .bind("ids", decisions.keySet().toArray(UUID[]::new))
                .bind(
                        "decisions",
                        decisions.values().stream().map(Decision::name).toArray(String[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    private Mono<Void> release(Set<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("DELETE FROM reservations WHERE order_id = ANY(:ids)")
                .bind("ids", orderIds.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    private Mono<Void> reserve(List<Reservation> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO reservations (order_id, product_id, quantity)
                        SELECT * FROM unnest(:orderIds::uuid[], :productIds::uuid[], :quantities::integer[])""")
                .bind("orderIds", rows.stream().map(Reservation::orderId).toArray(UUID[]::new))
                .bind("productIds", rows.stream().map(Reservation::productId).toArray(UUID[]::new))
                .bind("quantities", rows.stream().map(Reservation::quantity).toArray(Integer[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Deltas rather than new totals: the CHECK constraints still guard the result. */
    private Mono<Void> changeLevels(List<LevelChange> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        UPDATE stock_levels s
                        SET on_hand = s.on_hand + c.on_hand_delta, reserved = s.reserved + c.reserved_delta,
                            updated_at = clock_timestamp()
                        FROM unnest(:ids::uuid[], :onHand::integer[], :reserved::integer[])
                             AS c(product_id, on_hand_delta, reserved_delta)
                        WHERE s.product_id = c.product_id""")
                .bind("ids", changes.stream().map(LevelChange::productId).toArray(UUID[]::new))
                .bind("onHand", changes.stream().map(LevelChange::onHandDelta).toArray(Integer[]::new))
                .bind(
                        "reserved",
                        changes.stream().map(LevelChange::reservedDelta).toArray(Integer[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * One ledger entry per shipped line. The stock rows are locked, so clock_timestamp() orders these
     * after every earlier movement of the products; the ordinality keeps the batch's own entries in order.
     */
    private Mono<Void> recordWithdrawals(List<Withdrawal> withdrawals) {
        if (withdrawals.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO stock_movements (id, product_id, delta, reason, on_hand_after, created_at)
                        SELECT gen_random_uuid(), product_id, -quantity, reason, on_hand_after,
                               clock_timestamp() + n * interval '1 microsecond'
                        FROM unnest(:productIds::uuid[], :quantities::integer[], :reasons::text[], :onHandAfter::integer[])
                             WITH ORDINALITY AS w(product_id, quantity, reason, on_hand_after, n)""")
                .bind(
                        "productIds",
                        withdrawals.stream().map(Withdrawal::productId).toArray(UUID[]::new))
                .bind(
                        "quantities",
                        withdrawals.stream().map(Withdrawal::quantity).toArray(Integer[]::new))
                .bind("reasons", withdrawals.stream().map(Withdrawal::reason).toArray(String[]::new))
                .bind(
                        "onHandAfter",
                        withdrawals.stream().map(Withdrawal::onHandAfter).toArray(Integer[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }
}
