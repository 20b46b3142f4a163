package oms.orders.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * The order lifecycle. PENDING waits for the stock reservation, which confirms or rejects it;
 * shipping moves a confirmed order on; it can be cancelled until it leaves the warehouse.
 */
public enum OrderStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    SHIPPED,
    DELIVERED,
    CANCELLED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(CONFIRMED, REJECTED, CANCELLED);
            case CONFIRMED -> EnumSet.of(SHIPPED, CANCELLED);
            case SHIPPED -> EnumSet.of(DELIVERED);
            case REJECTED, DELIVERED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canBecome(OrderStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
