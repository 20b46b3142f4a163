package oms.shipping.order;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.platform.events.EventHandler;
import oms.platform.events.InboundEvent;
import oms.shipping.carrier.CarrierPolicy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the orders stream (docs/events.md): a confirmed order gets a PENDING shipment, and a
 * cancelled order's shipment is cancelled unless it has left the warehouse. Runs in the consumer's
 * transaction with one statement per kind of change for the whole batch; other event types are not
 * shipping's business and pass unnoticed.
 */
@Component
class OrderEventHandler implements EventHandler {

    static final String CONFIRMED = "OrderConfirmed";
    static final String CANCELLED = "OrderCancelled";

    private final OrderShipmentsRepository shipments;
    private final JsonMapper json;

    OrderEventHandler(OrderShipmentsRepository shipments, JsonMapper json) {
        this.shipments = shipments;
        this.json = json;
    }

    @Override
    public boolean handles(String type) {
        return CONFIRMED.equals(type) || CANCELLED.equals(type);
    }

    @Override
    public Mono<Void> handle(List<InboundEvent> events) {
        Changes changes = read(events, json);
        // opening first: an order confirmed and cancelled within one batch ends with a cancelled shipment
        return shipments.open(changes.opened()).then(shipments.cancel(changes.cancelled()));
    }

    /**
     * What a batch asks of shipping, in stream order, each order once. A malformed event fails the
     * batch; the consumer then retries event by event and finally parks the bad one.
     */
    static Changes read(List<InboundEvent> events, JsonMapper json) {
        Map<UUID, NewShipment> opened = new LinkedHashMap<>();
        Set<UUID> cancelled = new LinkedHashSet<>();
        for (InboundEvent event : events) {
            switch (event.type()) {
                case CONFIRMED -> {
                    JsonNode payload = json.readTree(event.payload());
                    UUID orderId = uuid(payload, "orderId", event);
                    opened.putIfAbsent(
                            orderId,
                            new NewShipment(
                                    orderId,
                                    uuid(payload, "customerId", event),
                                    CarrierPolicy.carrierForNewShipment()));
                }
                case CANCELLED -> cancelled.add(uuid(json.readTree(event.payload()), "orderId", event));
                default -> {}
            }
        }
        return new Changes(List.copyOf(opened.values()), List.copyOf(cancelled));
    }

    private static UUID uuid(JsonNode payload, String field, InboundEvent event) {
        JsonNode value = payload.get(field);
        try {
            return UUID.fromString(value == null ? "" : value.asString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " has no valid " + field);
        }
    }

    record NewShipment(UUID orderId, UUID customerId, String carrierCode) {}

    record Changes(List<NewShipment> opened, List<UUID> cancelled) {}
}
