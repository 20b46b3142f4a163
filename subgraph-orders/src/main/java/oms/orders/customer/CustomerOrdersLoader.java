package oms.orders.customer;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.orders.order.Order;
import oms.orders.order.OrderCriteria;
import oms.orders.order.OrderService;
import oms.orders.order.OrderStatus;
import oms.platform.graphql.ReactiveBatchLoader;
import oms.platform.pagination.Page;
import oms.platform.pagination.PageRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Customer.orders for a whole page of customers. Keys that share the same arguments (the usual
 * case: one field in one query) are answered by one windowed SQL statement.
 */
@DgsDataLoader(name = "customerOrders")
class CustomerOrdersLoader implements ReactiveBatchLoader<CustomerOrdersLoader.Key, Page<Order>> {

    record Key(UUID customerId, PageRequest page, Set<OrderStatus> statuses) {
        Arguments arguments() {
            return new Arguments(page, statuses);
        }
    }

    record Arguments(PageRequest page, Set<OrderStatus> statuses) {}

    private final OrderService orders;

    CustomerOrdersLoader(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public Mono<Map<Key, Page<Order>>> loadBatch(Set<Key> keys) {
        Map<Arguments, List<Key>> groups = keys.stream().collect(Collectors.groupingBy(Key::arguments));
        return Flux.fromIterable(groups.entrySet())
                .concatMap(group -> {
                    Arguments args = group.getKey();
                    List<UUID> customerIds =
                            group.getValue().stream().map(Key::customerId).toList();
                    OrderCriteria criteria = new OrderCriteria(null, args.statuses(), null, null);
                    return orders.pagesPerCustomer(customerIds, criteria, args.page())
                            .flatMapIterable(pages -> group.getValue().stream()
                                    .map(key -> Map.entry(key, pages.get(key.customerId())))
                                    .toList());
                })
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
