package oms.inventory.reservation;

import java.util.Optional;
import oms.inventory.reservation.StockAnswer.StockRejected;
import oms.inventory.reservation.StockAnswer.StockReserved;
import oms.platform.events.InboundEvent;
import oms.platform.events.OutboundEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the order events inventory acts on and writes its answers, as docs/events.md defines them.
 * Fields added to a payload later are ignored; an event that breaks the contract throws, so the
 * consumer retries it and finally parks it for staff.
 */
@Component
class OrderEventCodec {

    static final String ANSWER_STREAM = "inventory";

    private final JsonMapper json;

    OrderEventCodec(JsonMapper json) {
        this.json = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Whether inventory acts on events of this type (placements, cancellations and shipments). */
    static boolean reads(String type) {
        return switch (type) {
            case "OrderPlaced", "OrderCancelled", "OrderShipped" -> true;
            default -> false;
        };
    }

    /** Empty for event types that are not inventory's business (e.g. OrderConfirmed). */
    Optional<OrderEvent> read(InboundEvent event) {
        OrderEvent parsed = switch (event.type()) {
            case "OrderPlaced" -> valid(json.readValue(event.payload(), OrderEvent.Placed.class));
            case "OrderCancelled" -> json.readValue(event.payload(), OrderEvent.Cancelled.class);
            case "OrderShipped" -> json.readValue(event.payload(), OrderEvent.Shipped.class);
            default -> null;
        };
        if (parsed != null && parsed.orderId() == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " has no orderId");
        }
        return Optional.ofNullable(parsed);
    }

    private static OrderEvent.Placed valid(OrderEvent.Placed placed) {
        if (placed.lines().isEmpty()) {
            throw new IllegalArgumentException("OrderPlaced for order " + placed.orderId() + " has no lines");
        }
        for (OrderLine line : placed.lines()) {
            if (line == null || line.productId() == null || line.quantity() <= 0) {
                throw new IllegalArgumentException("OrderPlaced for order " + placed.orderId()
                        + " has a line without product or positive quantity");
            }
        }
        return placed;
    }

    OutboundEvent write(StockAnswer answer) {
        String type = switch (answer) {
            case StockReserved reserved -> "StockReserved";
            case StockRejected rejected -> "StockRejected";
        };
        return OutboundEvent.of(ANSWER_STREAM, type, answer.orderId(), json.writeValueAsString(answer));
    }
}
