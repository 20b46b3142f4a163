package oms.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.inventory.reservation.ReservationPlan.LevelChange;
import oms.inventory.reservation.ReservationPlan.Withdrawal;
import oms.inventory.reservation.StockAnswer.RejectionReason;
import oms.inventory.reservation.StockAnswer.StockRejected;
import oms.inventory.reservation.StockAnswer.StockReserved;
import org.junit.jupiter.api.Test;

class ReservationDeskTest {

    private static final UUID MUG = UUID.randomUUID();
    private static final UUID LAMP = UUID.randomUUID();
    private static final UUID GHOST = UUID.randomUUID();

    private static OrderEvent.Placed placed(UUID order, OrderLine... lines) {
        return new OrderEvent.Placed(order, List.of(lines));
    }

    private static OrderLine line(UUID product, int quantity) {
        return new OrderLine(product, quantity);
    }

    private static ReservationPlan decide(Map<UUID, Units> stock, OrderEvent... events) {
        return ReservationDesk.decide(stock, List.of(), Set.of(), List.of(events));
    }

    @Test
    void an_order_whose_lines_all_fit_reserves_every_line_exactly() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan = decide(
                Map.of(MUG, new Units(10, 2), LAMP, new Units(3, 0)), placed(order, line(MUG, 8), line(LAMP, 3)));

        assertThat(plan.answers()).containsExactly(new StockReserved(order));
        assertThat(plan.reservations())
                .containsExactlyInAnyOrder(new Reservation(order, MUG, 8), new Reservation(order, LAMP, 3));
        assertThat(plan.levelChanges())
                .containsExactlyInAnyOrder(new LevelChange(MUG, 0, 8), new LevelChange(LAMP, 0, 3));
        assertThat(plan.decisions()).containsEntry(order, Decision.RESERVED);
    }

    @Test
    void an_order_with_one_line_short_of_stock_reserves_nothing() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan = decide(
                Map.of(MUG, new Units(10, 0), LAMP, new Units(3, 1)), placed(order, line(MUG, 1), line(LAMP, 3)));

        assertThat(plan.answers())
                .containsExactly(new StockRejected(order, RejectionReason.OUT_OF_STOCK, List.of(LAMP)));
        assertThat(plan.reservations()).isEmpty();
        assertThat(plan.levelChanges()).isEmpty();
        assertThat(plan.decisions()).containsEntry(order, Decision.REJECTED);
    }

    @Test
    void of_two_orders_competing_for_the_last_units_the_first_in_stream_order_wins() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ReservationPlan plan =
                decide(Map.of(MUG, new Units(5, 1)), placed(first, line(MUG, 3)), placed(second, line(MUG, 3)));

        assertThat(plan.answers())
                .containsExactly(
                        new StockReserved(first),
                        new StockRejected(second, RejectionReason.OUT_OF_STOCK, List.of(MUG)));
        assertThat(plan.levelChanges()).containsExactly(new LevelChange(MUG, 0, 3));
    }

    @Test
    void a_rejected_order_leaves_its_units_to_the_orders_after_it() {
        UUID big = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        ReservationPlan plan = decide(
                Map.of(MUG, new Units(4, 0), LAMP, new Units(1, 0)),
                placed(big, line(MUG, 4), line(LAMP, 2)),
                placed(small, line(MUG, 4)));

        assertThat(plan.answers())
                .extracting(StockAnswer::getClass)
                .containsExactly(StockRejected.class, StockReserved.class);
        assertThat(plan.reservations()).containsExactly(new Reservation(small, MUG, 4));
    }

    @Test
    void an_order_for_a_product_without_stock_is_rejected_as_unknown() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan = decide(Map.of(MUG, new Units(10, 0)), placed(order, line(MUG, 1), line(GHOST, 1)));

        assertThat(plan.answers())
                .containsExactly(new StockRejected(order, RejectionReason.UNKNOWN_PRODUCT, List.of(GHOST)));
        assertThat(plan.levelChanges()).isEmpty();
    }

    @Test
    void lines_for_the_same_product_count_together() {
        UUID order = UUID.randomUUID();
        ReservationPlan fits = decide(Map.of(MUG, new Units(5, 0)), placed(order, line(MUG, 2), line(MUG, 3)));
        assertThat(fits.reservations()).containsExactly(new Reservation(order, MUG, 5));

        ReservationPlan tooMany = decide(Map.of(MUG, new Units(5, 0)), placed(order, line(MUG, 3), line(MUG, 3)));
        assertThat(tooMany.answers())
                .containsExactly(new StockRejected(order, RejectionReason.OUT_OF_STOCK, List.of(MUG)));
    }

    @Test
    void huge_quantities_are_refused_rather_than_overflowing() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan = decide(
                Map.of(MUG, new Units(Integer.MAX_VALUE, 0)),
                placed(order, line(MUG, Integer.MAX_VALUE), line(MUG, Integer.MAX_VALUE)));
        assertThat(plan.answers())
                .containsExactly(new StockRejected(order, RejectionReason.OUT_OF_STOCK, List.of(MUG)));
    }

    @Test
    void an_order_that_was_answered_before_reserves_nothing_again() {
        UUID order = UUID.randomUUID();
        ReservationPlan sameBatch =
                decide(Map.of(MUG, new Units(10, 0)), placed(order, line(MUG, 2)), placed(order, line(MUG, 2)));
        assertThat(sameBatch.answers()).hasSize(1);
        assertThat(sameBatch.levelChanges()).containsExactly(new LevelChange(MUG, 0, 2));

        ReservationPlan held = ReservationDesk.decide(
                Map.of(MUG, new Units(10, 2)),
                List.of(new Reservation(order, MUG, 2)),
                Set.of(),
                List.of(placed(order, line(MUG, 2))));
        ReservationPlan decided = ReservationDesk.decide(
                Map.of(MUG, new Units(10, 0)), List.of(), Set.of(order), List.of(placed(order, line(MUG, 2))));
        for (ReservationPlan plan : List.of(held, decided)) {
            assertThat(plan.answers()).isEmpty();
            assertThat(plan.reservations()).isEmpty();
            assertThat(plan.levelChanges()).isEmpty();
            assertThat(plan.decisions()).isEmpty();
        }
    }

    @Test
    void cancelling_releases_the_reservation_and_a_later_order_can_take_the_units() {
        UUID cancelled = UUID.randomUUID();
        UUID next = UUID.randomUUID();
        ReservationPlan plan = ReservationDesk.decide(
                Map.of(MUG, new Units(4, 4)),
                List.of(new Reservation(cancelled, MUG, 4)),
                Set.of(cancelled),
                List.of(new OrderEvent.Cancelled(cancelled), placed(next, line(MUG, 4))));

        assertThat(plan.releasedOrders()).containsExactly(cancelled);
        assertThat(plan.reservations()).containsExactly(new Reservation(next, MUG, 4));
        assertThat(plan.levelChanges()).isEmpty();
        assertThat(plan.answers()).containsExactly(new StockReserved(next));
    }

    @Test
    void an_order_reserved_and_cancelled_in_one_batch_leaves_no_reservation() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan =
                decide(Map.of(MUG, new Units(4, 0)), placed(order, line(MUG, 4)), new OrderEvent.Cancelled(order));

        assertThat(plan.answers()).containsExactly(new StockReserved(order));
        assertThat(plan.reservations()).isEmpty();
        assertThat(plan.releasedOrders()).isEmpty();
        assertThat(plan.levelChanges()).isEmpty();
    }

    @Test
    void a_cancellation_before_any_placement_keeps_a_late_placement_from_reserving() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan =
                decide(Map.of(MUG, new Units(4, 0)), new OrderEvent.Cancelled(order), placed(order, line(MUG, 1)));

        assertThat(plan.decisions()).containsExactlyEntriesOf(Map.of(order, Decision.CANCELLED));
        assertThat(plan.answers()).isEmpty();
        assertThat(plan.levelChanges()).isEmpty();
    }

    @Test
    void cancelling_a_rejected_order_changes_nothing() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan =
                ReservationDesk.decide(Map.of(), List.of(), Set.of(order), List.of(new OrderEvent.Cancelled(order)));
        assertThat(plan.decisions()).isEmpty();
        assertThat(plan.releasedOrders()).isEmpty();
    }

    @Test
    void shipping_takes_the_reserved_units_off_hand_and_records_what_is_left() {
        UUID order = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        ReservationPlan plan = ReservationDesk.decide(
                Map.of(MUG, new Units(10, 5), LAMP, new Units(2, 2)),
                List.of(
                        new Reservation(order, MUG, 3),
                        new Reservation(order, LAMP, 2),
                        new Reservation(other, MUG, 2)),
                Set.of(order, other),
                List.of(new OrderEvent.Shipped(order)));

        assertThat(plan.releasedOrders()).containsExactly(order);
        assertThat(plan.levelChanges())
                .containsExactlyInAnyOrder(new LevelChange(MUG, -3, -3), new LevelChange(LAMP, -2, -2));
        assertThat(plan.withdrawals())
                .containsExactlyInAnyOrder(new Withdrawal(order, MUG, 3, 7), new Withdrawal(order, LAMP, 2, 0));
        assertThat(plan.withdrawals().getFirst().reason()).isEqualTo("Shipped with order " + order);
        assertThat(plan.answers()).isEmpty();
    }

    @Test
    void shipping_twice_or_without_a_reservation_changes_nothing() {
        UUID order = UUID.randomUUID();
        ReservationPlan plan = decide(
                Map.of(MUG, new Units(10, 0)),
                placed(order, line(MUG, 2)),
                new OrderEvent.Shipped(order),
                new OrderEvent.Shipped(order),
                new OrderEvent.Shipped(UUID.randomUUID()));

        assertThat(plan.withdrawals()).containsExactly(new Withdrawal(order, MUG, 2, 8));
        assertThat(plan.levelChanges()).containsExactly(new LevelChange(MUG, -2, 0));
        assertThat(plan.reservations()).isEmpty();
    }
}
