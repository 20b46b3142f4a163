package oms.orders.order;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.platform.pagination.Page;
import oms.platform.pagination.PageRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

@Service
public class OrderService {

    private final OrderRepository orders;

    OrderService(OrderRepository orders) {
        this.orders = orders;
    }

    public Mono<Order> byId(UUID id) {
        return orders.findAllById(List.of(id)).next();
    }

    Mono<Order> byNumber(String number) {
        return OrderNumber.parse(number).stream()
                .boxed()
                .findFirst()
                .map(seq -> orders.findBySequence(seq).next())
                .orElse(Mono.empty());
    }

    Mono<Page<Order>> page(OrderCriteria criteria, PageRequest request) {
        return orders.findPage(criteria, request)
                .collectList()
                .map(rows -> Page.fromRows(rows, request, OrderRepository::cursorOf));
    }

    /** One page of orders for each customer, in one query. */
    public Mono<Map<UUID, Page<Order>>> pagesPerCustomer(
            Collection<UUID> customerIds, OrderCriteria criteria, PageRequest request) {
        return orders.findPagesPerCustomer(customerIds, criteria, request)
                .collect(Collectors.groupingBy(Order::customerId))
                .map(byCustomer -> customerIds.stream()
                        .collect(Collectors.toMap(
                                id -> id,
                                id -> Page.fromRows(
                                        byCustomer.getOrDefault(id, List.of()), request, OrderRepository::cursorOf))));
    }
}
