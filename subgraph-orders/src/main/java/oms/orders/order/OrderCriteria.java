package oms.orders.order;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** Which orders a list shows; every part is optional. */
public record OrderCriteria(
        UUID customerId, Set<OrderStatus> statuses, OffsetDateTime placedFrom, OffsetDateTime placedTo) {

    public static final OrderCriteria ALL = new OrderCriteria(null, Set.of(), null, null);

    public OrderCriteria {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
