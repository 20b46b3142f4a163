package oms.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** The batch loaders of the order feature: one SQL statement per batch, whatever its size. */
final class OrderLoaders {

    private OrderLoaders() {}

    @DgsDataLoader(name = "orders")
    static class ById implements ReactiveBatchLoader<UUID, Order> {
        private final OrderRepository orders;

        ById(OrderRepository orders) {
            this.orders = orders;
        }

        @Override
        public Mono<Map<UUID, Order>> loadBatch(Set<UUID> ids) {
            return orders.findAllById(ids).collectMap(Order::id);
        }
    }

    @DgsDataLoader(name = "orderLines")
    static class Lines implements ReactiveBatchLoader<UUID, List<OrderLine>> {
        private final OrderRepository orders;

        Lines(OrderRepository orders) {
            this.orders = orders;
        }

        @Override
        public Mono<Map<UUID, List<OrderLine>>> loadBatch(Set<UUID> orderIds) {
            return orders.findLines(orderIds).collect(Collectors.groupingBy(OrderLine::orderId));
        }
    }

    @DgsDataLoader(name = "orderHistory")
    static class History implements ReactiveBatchLoader<UUID, List<StatusChange>> {
        private final OrderRepository orders;

        History(OrderRepository orders) {
            this.orders = orders;
        }

        @Override
        public Mono<Map<UUID, List<StatusChange>>> loadBatch(Set<UUID> orderIds) {
            return orders.findHistory(orderIds).collect(Collectors.groupingBy(StatusChange::orderId));
        }
    }
}
