package oms.inventory.reservation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.inventory.reservation.ReservationPlan.LevelChange;
import oms.inventory.reservation.ReservationPlan.Withdrawal;
import oms.inventory.reservation.StockAnswer.RejectionReason;
import oms.inventory.reservation.StockAnswer.StockRejected;
import oms.inventory.reservation.StockAnswer.StockReserved;

/**
 * Decides, event by event in stream order, what a batch of order events does to stock. An order
 * gets all of its lines or nothing; each decision sees the units that earlier events of the batch
 * took or gave back; an order is answered once, however often it is placed.
 */
final class ReservationDesk {

    private final Map<UUID, Units> opening;
    private final Map<UUID, Units> stock;
    private final Map<UUID, List<Reservation>> held = new HashMap<>();
    private final Set<UUID> stored = new HashSet<>();
    private final Set<UUID> decided;
    private final Map<UUID, Decision> decisions = new LinkedHashMap<>();
    private final Set<UUID> released = new HashSet<>();
    private final List<Withdrawal> withdrawals = new ArrayList<>();
    private final List<StockAnswer> answers = new ArrayList<>();

    private ReservationDesk(Map<UUID, Units> stock, Collection<Reservation> held, Set<UUID> decided) {
        this.opening = Map.copyOf(stock);
        this.stock = new LinkedHashMap<>(stock);
        this.decided = new HashSet<>(decided);
        for (Reservation r : held) {
            this.held.computeIfAbsent(r.orderId(), o -> new ArrayList<>()).add(r);
            this.stored.add(r.orderId());
            this.decided.add(r.orderId());
        }
    }

    /**
     * @param stock   the stock of every product the batch touches; a product absent here is unknown
     * @param held    the stored reservations of the batch's orders
     * @param decided the batch's orders that were answered before
     */
    static ReservationPlan decide(
            Map<UUID, Units> stock, Collection<Reservation> held, Set<UUID> decided, List<OrderEvent> events) {
        ReservationDesk desk = new ReservationDesk(stock, held, decided);
        for (OrderEvent event : events) {
            switch (event) {
                case OrderEvent.Placed placed -> desk.place(placed);
                case OrderEvent.Cancelled cancelled -> desk.cancel(cancelled.orderId());
                case OrderEvent.Shipped shipped -> desk.ship(shipped.orderId());
            }
        }
        return desk.plan();
    }

    private void place(OrderEvent.Placed placed) {
        UUID order = placed.orderId();
        if (!decided.add(order)) {
            return;
        }
        Map<UUID, Long> wanted = new LinkedHashMap<>();
        placed.lines().forEach(line -> wanted.merge(line.productId(), (long) line.quantity(), Long::sum));
        List<UUID> unknown = wanted.keySet().stream()
                .filter(product -> !stock.containsKey(product))
                .toList();
        if (!unknown.isEmpty()) {
            reject(order, RejectionReason.UNKNOWN_PRODUCT, unknown);
            return;
        }
        List<UUID> lacking = wanted.entrySet().stream()
                .filter(want -> stock.get(want.getKey()).available() < want.getValue())
                .map(Map.Entry::getKey)
                .toList();
        if (!lacking.isEmpty()) {
            reject(order, RejectionReason.OUT_OF_STOCK, lacking);
            return;
        }
        List<Reservation> lines = new ArrayList<>();
        wanted.forEach((product, quantity) -> {
            // fits in an int: it is at most what is available
            int units = Math.toIntExact(quantity);
            stock.put(product, stock.get(product).reserve(units));
            lines.add(new Reservation(order, product, units));
        });
        held.put(order, lines);
        decisions.put(order, Decision.RESERVED);
        answers.add(new StockReserved(order));
    }

    private void reject(UUID order, RejectionReason reason, List<UUID> products) {
        decisions.put(order, Decision.REJECTED);
        answers.add(new StockRejected(order, reason, products));
    }

    private void cancel(UUID order) {
        List<Reservation> lines = held.remove(order);
        if (lines == null) {
            // a placement handled later (e.g. by another instance) must not reserve for a cancelled order
            if (decided.add(order)) {
                decisions.put(order, Decision.CANCELLED);
            }
            return;
        }
        lines.forEach(r -> stock.put(r.productId(), stock.get(r.productId()).release(r.quantity())));
        forget(order);
    }

    private void ship(UUID order) {
        List<Reservation> lines = held.remove(order);
        if (lines == null) {
            return;
        }
        for (Reservation r : lines) {
            Units after = stock.get(r.productId()).ship(r.quantity());
            stock.put(r.productId(), after);
            withdrawals.add(new Withdrawal(order, r.productId(), r.quantity(), after.onHand()));
        }
        forget(order);
    }

    /** Stored rows are deleted; rows made in this batch are simply never written. */
    private void forget(UUID order) {
        if (stored.contains(order)) {
            released.add(order);
        }
    }

    private ReservationPlan plan() {
        List<Reservation> fresh = held.entrySet().stream()
                .filter(entry -> !stored.contains(entry.getKey()))
                .flatMap(entry -> entry.getValue().stream())
                .toList();
        List<LevelChange> changes = new ArrayList<>();
        stock.forEach((product, now) -> {
            Units before = opening.get(product);
            if (!now.equals(before)) {
                changes.add(
                        new LevelChange(product, now.onHand() - before.onHand(), now.reserved() - before.reserved()));
            }
        });
        return new ReservationPlan(decisions, fresh, released, changes, withdrawals, answers);
    }
}
