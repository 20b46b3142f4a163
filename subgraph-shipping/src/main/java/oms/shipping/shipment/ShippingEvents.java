package oms.shipping.shipment;

import java.util.List;
import java.util.UUID;
import oms.platform.events.OutboundEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What shipping tells the other services (docs/events.md): on stream {@code shipping}, keyed by the
 * order id, that a shipment left the warehouse or reached the recipient. Progress in between is
 * tracking detail that no other service acts on.
 */
@Component
class ShippingEvents {

    static final String STREAM = "shipping";

    private final JsonMapper json;

    ShippingEvents(JsonMapper json) {
        this.json = json;
    }

    /** The events that a shipment's arrival in its current status causes. */
    List<OutboundEvent> announce(Shipment shipment) {
        return switch (shipment.status()) {
            case DISPATCHED ->
                List.of(event(
                        "ShipmentDispatched",
                        shipment,
                        new ShipmentDispatched(
                                shipment.orderId(), shipment.id(), shipment.carrierCode(), shipment.trackingNumber())));
            case DELIVERED ->
                List.of(event("ShipmentDelivered", shipment, new ShipmentDelivered(shipment.orderId(), shipment.id())));
            case PENDING, IN_TRANSIT, OUT_FOR_DELIVERY, CANCELLED -> List.of();
        };
    }

    private OutboundEvent event(String type, Shipment shipment, Object payload) {
        return OutboundEvent.of(STREAM, type, shipment.orderId(), json.writeValueAsString(payload));
    }

    record ShipmentDispatched(UUID orderId, UUID shipmentId, String carrier, String trackingNumber) {}

    record ShipmentDelivered(UUID orderId, UUID shipmentId) {}
}
