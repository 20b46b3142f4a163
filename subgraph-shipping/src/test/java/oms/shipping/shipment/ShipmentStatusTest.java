package oms.shipping.shipment;

import static oms.shipping.shipment.ShipmentStatus.CANCELLED;
import static oms.shipping.shipment.ShipmentStatus.DELIVERED;
import static oms.shipping.shipment.ShipmentStatus.DISPATCHED;
import static oms.shipping.shipment.ShipmentStatus.IN_TRANSIT;
import static oms.shipping.shipment.ShipmentStatus.OUT_FOR_DELIVERY;
import static oms.shipping.shipment.ShipmentStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ShipmentStatusTest {

    @Test
    void a_shipment_travels_from_pending_to_delivered_step_by_step() {
        ShipmentStatus status = PENDING;
        for (ShipmentStatus step : new ShipmentStatus[] {DISPATCHED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED}) {
            status = status.transitionTo(step);
        }
        assertThat(status).isEqualTo(DELIVERED);
    }

    @Test
    void a_carrier_may_report_delivery_without_reporting_every_step() {
        assertThat(DISPATCHED.canTransitionTo(DELIVERED)).isTrue();
        assertThat(IN_TRANSIT.canTransitionTo(DELIVERED)).isTrue();
    }

    @Test
    void only_a_pending_shipment_can_be_cancelled() {
        assertThat(EnumSet.allOf(ShipmentStatus.class))
                .filteredOn(s -> s.canTransitionTo(CANCELLED))
                .containsExactly(PENDING);
    }

    @Test
    void a_delivered_shipment_cannot_be_dispatched_again() {
        assertThat(DELIVERED.canTransitionTo(DISPATCHED)).isFalse();
        assertThatThrownBy(() -> DELIVERED.transitionTo(DISPATCHED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("A DELIVERED shipment cannot become DISPATCHED");
    }

    @Test
    void a_shipment_cannot_be_delivered_before_it_is_dispatched() {
        assertThat(PENDING.canTransitionTo(DELIVERED)).isFalse();
        assertThat(PENDING.canTransitionTo(IN_TRANSIT)).isFalse();
    }

    @Test
    void a_shipment_never_moves_backwards_or_stays_put() {
        for (ShipmentStatus from : ShipmentStatus.values()) {
            assertThat(from.next()).allSatisfy(to -> assertThat(to.ordinal()).isGreaterThan(from.ordinal()));
        }
    }

    @Test
    void delivered_and_cancelled_end_the_journey() {
        assertThat(EnumSet.allOf(ShipmentStatus.class))
                .filteredOn(ShipmentStatus::isFinal)
                .containsExactlyInAnyOrder(DELIVERED, CANCELLED);
        assertThat(DELIVERED.next()).isEmpty();
        assertThat(CANCELLED.canTransitionTo(PENDING)).isFalse();
    }

    @Test
    void the_carrier_has_the_parcel_from_dispatch_on() {
        assertThat(EnumSet.allOf(ShipmentStatus.class))
                .filteredOn(ShipmentStatus::isWithCarrier)
                .containsExactly(DISPATCHED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED);
    }

    @Test
    void a_shipment_is_cancelled_only_from_pending_and_delivered_from_anywhere_on_its_way() {
        assertThat(CANCELLED.previous()).containsExactly(PENDING);
        assertThat(DELIVERED.previous()).containsExactlyInAnyOrder(DISPATCHED, IN_TRANSIT, OUT_FOR_DELIVERY);
        assertThat(PENDING.previous()).isEmpty();
    }

    @Test
    void only_the_statuses_between_dispatch_and_delivery_may_be_reported_again() {
        assertThat(EnumSet.allOf(ShipmentStatus.class))
                .filteredOn(ShipmentStatus::isEnRoute)
                .containsExactly(IN_TRANSIT, OUT_FOR_DELIVERY);
    }
}
