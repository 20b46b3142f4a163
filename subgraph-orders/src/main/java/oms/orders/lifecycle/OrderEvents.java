package oms.orders.lifecycle;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import oms.orders.placement.PlacementRepository;
import oms.platform.events.OutboundEvent;
import oms.platform.events.Outbox;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The events orders publishes on stream {@code orders} (see docs/events.md), written in the caller's transaction. */
@Component
public class OrderEvents {

    public static final String STREAM = "orders";

    private final Outbox outbox;
    private final JsonMapper json;

    OrderEvents(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    record Line(UUID productId, int quantity) {}

    record OrderPlaced(UUID orderId, UUID customerId, List<Line> lines) {}

    record OrderConfirmed(UUID orderId, UUID customerId) {}

    record OrderCancelled(UUID orderId, UUID customerId, String previousStatus) {}

    record OrderShipped(UUID orderId) {}

    public Mono<Void> placed(Collection<PlacementRepository.NewOrder> orders) {
        return outbox.append(orders.stream()
                .map(o -> event(
                        "OrderPlaced",
                        o.id(),
                        new OrderPlaced(
                                o.id(),
                                o.order().request().customerId(),
                                o.order().lines().stream()
                                        .map(l -> new Line(l.product().productId(), l.quantity()))
                                        .toList())))
                .toList());
    }

    Mono<Void> append(List<OutboundEvent> events) {
        return outbox.append(events);
    }

    OutboundEvent confirmed(UUID orderId, UUID customerId) {
        return event("OrderConfirmed", orderId, new OrderConfirmed(orderId, customerId));
    }

    OutboundEvent cancelled(UUID orderId, UUID customerId, String previousStatus) {
        return event("OrderCancelled", orderId, new OrderCancelled(orderId, customerId, previousStatus));
    }

    OutboundEvent shipped(UUID orderId) {
        return event("OrderShipped", orderId, new OrderShipped(orderId));
    }

    public void flush() {
        outbox.flushSoon();
    }

    private OutboundEvent event(String type, UUID orderId, Object payload) {
        return OutboundEvent.of(STREAM, type, orderId, json.writeValueAsString(payload));
    }
}
