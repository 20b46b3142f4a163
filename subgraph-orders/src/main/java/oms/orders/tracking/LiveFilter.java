package oms.orders.tracking;

import java.util.Set;
import java.util.UUID;
import oms.orders.order.OrderStatus;

/**
 * Which status changes a subscriber wants: one order, one customer's orders, or all orders; and
 * optionally only changes that enter or leave one of {@code statuses} (a queue view: an order
 * leaving CONFIRMED matters to whoever watches CONFIRMED orders).
 */
public record LiveFilter(UUID orderId, UUID customerId, Set<OrderStatus> statuses) {

    public LiveFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    public static LiveFilter order(UUID orderId) {
        return new LiveFilter(orderId, null, Set.of());
    }

    public static LiveFilter customer(UUID customerId) {
        return new LiveFilter(null, customerId, Set.of());
    }

    public boolean matches(StatusEvent event) {
        return (orderId == null || orderId.equals(event.orderId()))
                && (customerId == null || customerId.equals(event.customerId()))
                && (statuses.isEmpty()
                        || statuses.contains(event.to())
                        || (event.from() != null && statuses.contains(event.from())));
    }
}
