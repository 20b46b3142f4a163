package oms.inventory.reservation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one batch of order events does to the database, written with one statement per table.
 *
 * @param decisions      new answers, by order
 * @param reservations   rows to insert (orders reserved in this batch and still held at its end)
 * @param releasedOrders orders whose stored reservation rows go (cancelled or shipped)
 * @param levelChanges   the net change of each product's stock
 * @param withdrawals    units shipped, one ledger entry each
 * @param answers        replies to the placements, in stream order
 */
record ReservationPlan(
        Map<UUID, Decision> decisions,
        List<Reservation> reservations,
        Set<UUID> releasedOrders,
        List<LevelChange> levelChanges,
        List<Withdrawal> withdrawals,
        List<StockAnswer> answers) {

    ReservationPlan {
        decisions = Map.copyOf(decisions);
        reservations = List.copyOf(reservations);
        releasedOrders = Set.copyOf(releasedOrders);
        levelChanges = List.copyOf(levelChanges);
        withdrawals = List.copyOf(withdrawals);
        answers = List.copyOf(answers);
    }

    record LevelChange(UUID productId, int onHandDelta, int reservedDelta) {}

    /** Reserved units of a product that left the warehouse with an order, and the on-hand they left. */
    record Withdrawal(UUID orderId, UUID productId, int quantity, int onHandAfter) {

        String reason() {
            return "Shipped with order " + orderId;
        }
    }
}
