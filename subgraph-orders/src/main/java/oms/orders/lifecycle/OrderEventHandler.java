package oms.orders.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import oms.orders.lifecycle.StatusTransitions.Applied;
import oms.orders.lifecycle.StatusTransitions.Change;
import oms.orders.order.OrderStatus;
import oms.orders.order.PaymentStatus;
import oms.orders.replica.Replicas;
import oms.platform.events.EventConsumer;
import oms.platform.events.EventConsumers;
import oms.platform.events.EventHandler;
import oms.platform.events.InboundEvent;
import oms.platform.events.OutboundEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orders side of the saga: replicas from the catalog and customers streams; confirmation or
 * rejection from inventory; shipped and delivered from shipping. Each batch is a few set-based
 * statements; changes the status machine does not allow (e.g. a late event for a cancelled order)
 * are skipped.
 */
@Configuration
class OrderEventHandler implements EventHandler {

    private final Replicas replicas;
    private final StatusTransitions transitions;
    private final OrderEvents events;
    private final JsonMapper json;
    private final SettleTime settleTime;

    OrderEventHandler(
            Replicas replicas,
            StatusTransitions transitions,
            OrderEvents events,
            JsonMapper json,
            SettleTime settleTime) {
        this.replicas = replicas;
        this.transitions = transitions;
        this.events = events;
        this.json = json;
        this.settleTime = settleTime;
    }

    @Bean
    EventConsumer ordersConsumer(EventConsumers consumers) {
        return consumers.create("orders", List.of("catalog", "customers", "inventory", "shipping"), this);
    }

    @Override
    public Mono<Void> handle(List<InboundEvent> batch) {
        List<JsonNode> products = new ArrayList<>();
        List<JsonNode> customers = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        for (InboundEvent event : batch) {
            JsonNode payload = json.readTree(event.payload());
            switch (event.type()) {
                case "ProductUpserted" -> products.add(payload);
                case "CustomerUpserted" -> customers.add(payload);
                case "StockReserved" ->
                    changes.add(
                            new Change(orderId(payload), OrderStatus.CONFIRMED, "inventory", "Stock reserved", null));
                case "StockRejected" ->
                    changes.add(new Change(
                            orderId(payload),
                            OrderStatus.REJECTED,
                            "inventory",
                            payload.path("reason").asString("OUT_OF_STOCK"),
                            PaymentStatus.VOIDED));
                case "ShipmentDispatched" ->
                    changes.add(new Change(
                            orderId(payload),
                            OrderStatus.SHIPPED,
                            "shipping",
                            "Dispatched with " + payload.path("carrier").asString("carrier") + " "
                                    + payload.path("trackingNumber").asString(""),
                            null));
                case "ShipmentDelivered" ->
                    changes.add(new Change(orderId(payload), OrderStatus.DELIVERED, "shipping", "Delivered", null));
                default -> {} // other services' events on these streams are not ours to act on
            }
        }
        return replicas.upsertProducts(products)
                .then(replicas.upsertCustomers(customers))
                .then(
                        changes.isEmpty()
                                ? Mono.empty()
                                : transitions.apply(changes, this::announce).then());
    }

    /** What other services must hear about applied changes. */
    private Mono<Void> announce(List<Applied> applied) {
        List<OutboundEvent> out = new ArrayList<>();
        for (Applied a : applied) {
            switch (a.to()) {
                case CONFIRMED -> out.add(events.confirmed(a.orderId(), a.customerId()));
                case SHIPPED -> out.add(events.shipped(a.orderId()));
                default -> {}
            }
        }
        return events.append(out).doOnSuccess(v -> {
            settleTime.record(applied);
            events.flush();
        });
    }

    private static UUID orderId(JsonNode payload) {
        return UUID.fromString(payload.path("orderId").asString());
    }
}
