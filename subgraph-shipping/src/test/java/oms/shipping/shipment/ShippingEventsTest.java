package oms.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import oms.platform.events.OutboundEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ShippingEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ShippingEvents EVENTS = new ShippingEvents(JSON);
    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID SHIPMENT = UUID.randomUUID();

    private static Shipment in(ShipmentStatus status) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Shipment(SHIPMENT, ORDER, UUID.randomUUID(), "UPS", "1Z999AA10123456784", status, now, now, now, 2);
    }

    @Test
    void a_dispatch_tells_the_orders_service_carrier_and_tracking_number() {
        OutboundEvent event = EVENTS.announce(in(ShipmentStatus.DISPATCHED)).getFirst();
        assertThat(event.stream()).isEqualTo("shipping");
        assertThat(event.type()).isEqualTo("ShipmentDispatched");
        assertThat(event.key()).isEqualTo(ORDER.toString());
        JsonNode payload = JSON.readTree(event.payload());
        assertThat(payload.at("/orderId").asString()).isEqualTo(ORDER.toString());
        assertThat(payload.at("/shipmentId").asString()).isEqualTo(SHIPMENT.toString());
        assertThat(payload.at("/carrier").asString()).isEqualTo("UPS");
        assertThat(payload.at("/trackingNumber").asString()).isEqualTo("1Z999AA10123456784");
        assertThat(payload.properties()).hasSize(4);
    }

    @Test
    void a_delivery_names_the_order_and_the_shipment() {
        OutboundEvent event = EVENTS.announce(in(ShipmentStatus.DELIVERED)).getFirst();
        assertThat(event.type()).isEqualTo("ShipmentDelivered");
        JsonNode payload = JSON.readTree(event.payload());
        assertThat(payload.at("/orderId").asString()).isEqualTo(ORDER.toString());
        assertThat(payload.at("/shipmentId").asString()).isEqualTo(SHIPMENT.toString());
        assertThat(payload.properties()).hasSize(2);
    }

    @Test
    void tracking_progress_and_cancellation_are_not_announced() {
        for (ShipmentStatus status : new ShipmentStatus[] {
            ShipmentStatus.PENDING, ShipmentStatus.IN_TRANSIT, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.CANCELLED
        }) {
            assertThat(EVENTS.announce(in(status))).as(status.name()).isEmpty();
        }
    }
}
