package oms.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** The batch loaders of the order feature: one SQL statement per batch, whatever its size. */
final class OrderLoaders {

    private OrderLoaders() {}

    @DgsDataLoader(name = "orders")
    static class ById implements MappedBatchLoader<UUID, Order> {
        private final OrderRepository orders;

        ById(OrderRepository orders) {
            this.orders = orders;
        }

        @Override
        public CompletionStage<Map<UUID, Order>> load(Set<UUID> ids) {
            return orders.findAllById(ids).collectMap(Order::id).toFuture();
        }
    }

    @DgsDataLoader(name = "orderLines")
    static class Lines implements MappedBatchLoader<UUID, List<OrderLine>> {
        private final OrderRepository orders;

        Lines(OrderRepository orders) {
            this.orders = orders;
        }

        @Override
        public CompletionStage<Map<UUID, List<OrderLine>>> load(Set<UUID> orderIds) {
            return orders.findLines(orderIds).collect(Collectors.groupingBy(OrderLine::orderId)).toFuture();
        }
    }

    @DgsDataLoader(name = "orderHistory")
    static class History implements MappedBatchLoader<UUID, List<StatusChange>> {
        private final OrderRepository orders;

        History(OrderRepository orders) {
            this.orders = orders;
        }

        @Override
        public CompletionStage<Map<UUID, List<StatusChange>>> load(Set<UUID> orderIds) {
            return orders.findHistory(orderIds).collect(Collectors.groupingBy(StatusChange::orderId)).toFuture();
        }
    }
}
