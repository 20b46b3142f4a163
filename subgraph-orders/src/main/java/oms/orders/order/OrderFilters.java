package oms.orders.order;

import java.util.Set;
import oms.orders.graphql.types.OrderFilter;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import oms.platform.graphql.Ids;

/** Maps the GraphQL filter input onto the domain's criteria, checking what the schema cannot. */
final class OrderFilters {

    private OrderFilters() {}

    static OrderCriteria criteria(OrderFilter filter) {
        if (filter == null) {
            return OrderCriteria.ALL;
        }
        if (filter.getPlacedFrom() != null
                && filter.getPlacedTo() != null
                && !filter.getPlacedFrom().isBefore(filter.getPlacedTo())) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT,
                    java.util.List.of("filter", "placedTo"),
                    "placedTo must be after placedFrom");
        }
        return new OrderCriteria(
                filter.getCustomerId() == null ? null : Ids.parse(filter.getCustomerId(), "filter", "customerId"),
                filter.getStatus() == null ? Set.of() : Set.copyOf(filter.getStatus()),
                filter.getPlacedFrom(),
                filter.getPlacedTo());
    }
}
