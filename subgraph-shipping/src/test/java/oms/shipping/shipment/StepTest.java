package oms.shipping.shipment;

import static oms.shipping.shipment.ShipmentStatus.DELIVERED;
import static oms.shipping.shipment.ShipmentStatus.DISPATCHED;
import static oms.shipping.shipment.ShipmentStatus.IN_TRANSIT;
import static oms.shipping.shipment.ShipmentStatus.OUT_FOR_DELIVERY;
import static oms.shipping.shipment.ShipmentStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import org.junit.jupiter.api.Test;

class StepTest {

    private static List<String> problems(Step step) {
        return step.violations().stream()
                .map(v -> v.code() + " " + String.join(".", v.field()))
                .toList();
    }

    @Test
    void a_dispatch_needs_a_tracking_number() {
        assertThat(problems(new Step.Dispatch(null, null))).containsExactly("INVALID_ARGUMENT input.trackingNumber");
        assertThat(problems(new Step.Dispatch("UPS", "   "))).containsExactly("INVALID_ARGUMENT input.trackingNumber");
        assertThat(new Step.Dispatch(null, "00340434161094042557").violations()).isEmpty();
    }

    @Test
    void a_tracking_number_is_at_most_64_printable_characters() {
        assertThat(new Step.Dispatch(null, "1".repeat(64)).violations()).isEmpty();
        assertThat(problems(new Step.Dispatch(null, "1".repeat(65))))
                .containsExactly("INVALID_ARGUMENT input.trackingNumber");
        assertThat(problems(new Step.Dispatch(null, "12\n34")))
                .containsExactly("INVALID_ARGUMENT input.trackingNumber");
    }

    @Test
    void people_type_carrier_codes_and_tracking_numbers_loosely() {
        Step.Dispatch dispatch = new Step.Dispatch(" ups ", " 1Z999AA10123456784 ");
        assertThat(dispatch.carrierCode()).isEqualTo("UPS");
        assertThat(dispatch.trackingNumber()).isEqualTo("1Z999AA10123456784");
        assertThat(new Step.Dispatch("  ", "1").carrierCode())
                .as("blank keeps the current carrier")
                .isNull();
    }

    @Test
    void only_a_pending_shipment_is_dispatched() {
        Step dispatch = new Step.Dispatch(null, "1");
        assertThat(dispatch.appliesFrom()).containsExactly(PENDING);
        assertThat(dispatch.refusal(DELIVERED))
                .isEqualTo("A DELIVERED shipment cannot become DISPATCHED (only from PENDING)");
    }

    @Test
    void a_carrier_scan_is_in_transit_or_out_for_delivery() {
        for (ShipmentStatus status : ShipmentStatus.values()) {
            boolean accepted =
                    new Step.Scan(status, null, "Scanned").violations().isEmpty();
            assertThat(accepted).as(status.name()).isEqualTo(status == IN_TRANSIT || status == OUT_FOR_DELIVERY);
        }
        assertThat(problems(new Step.Scan(null, null, "Scanned"))).containsExactly("INVALID_ARGUMENT input.status");
    }

    @Test
    void a_scan_says_what_happened_and_may_say_where() {
        assertThat(problems(new Step.Scan(IN_TRANSIT, "Hub", " ")))
                .containsExactly("INVALID_ARGUMENT input.description");
        assertThat(problems(new Step.Scan(IN_TRANSIT, "x".repeat(201), "Scanned")))
                .containsExactly("INVALID_ARGUMENT input.location");
        assertThat(problems(new Step.Scan(IN_TRANSIT, null, "x".repeat(501))))
                .containsExactly("INVALID_ARGUMENT input.description");
        Step.Scan scan = new Step.Scan(IN_TRANSIT, "  ", " Arrived at hub ");
        assertThat(scan.location()).isNull();
        assertThat(scan.description()).isEqualTo("Arrived at hub");
    }

    @Test
    void a_parcel_may_be_scanned_again_at_the_next_hub_or_delivery_attempt() {
        assertThat(new Step.Scan(IN_TRANSIT, null, "Hub").appliesFrom())
                .containsExactlyInAnyOrder(DISPATCHED, IN_TRANSIT);
        assertThat(new Step.Scan(OUT_FOR_DELIVERY, null, "Van").appliesFrom())
                .containsExactlyInAnyOrder(IN_TRANSIT, OUT_FOR_DELIVERY);
    }

    @Test
    void a_parcel_is_delivered_once_from_anywhere_on_its_way() {
        Step delivery = new Step.Delivery(" Berlin ");
        assertThat(delivery.appliesFrom()).containsExactlyInAnyOrder(DISPATCHED, IN_TRANSIT, OUT_FOR_DELIVERY);
        assertThat(delivery.location()).isEqualTo("Berlin");
        assertThat(delivery.violations()).isEmpty();
        assertThat(new Step.Delivery("x".repeat(201)).violations())
                .extracting(Violation::code)
                .containsExactly(ErrorCode.INVALID_ARGUMENT);
    }
}
