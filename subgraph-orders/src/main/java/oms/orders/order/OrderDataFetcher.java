package oms.orders.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.orders.graphql.DgsConstants;
import oms.orders.graphql.types.OrderConnection;
import oms.orders.graphql.types.OrderFilter;
import oms.platform.error.DomainException;
import oms.platform.graphql.Ids;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Caller;
import oms.platform.security.Callers;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

@DgsComponent
public class OrderDataFetcher {

    private final OrderService service;

    OrderDataFetcher(OrderService service) {
        this.service = service;
    }

    @DgsQuery
    CompletableFuture<Order> order(@InputArgument String id, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        return byId(dfe).load(Ids.parse(id, "id")).thenApply(o -> {
            if (o == null) {
                throw DomainException.notFound("Order", id);
            }
            return OrderAccess.readable(caller, o, id);
        });
    }

    @DgsQuery
    Mono<Order> orderByNumber(@InputArgument String number, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        return service.byNumber(number)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("Order", number)))
                .map(o -> OrderAccess.readable(caller, o, number));
    }

    @DgsQuery
    Mono<OrderConnection> orders(
            @InputArgument Integer first,
            @InputArgument String after,
            @InputArgument OrderFilter filter,
            DgsDataFetchingEnvironment dfe) {
        PageRequest page = PageRequest.of(first, after);
        OrderCriteria criteria = OrderAccess.visible(Callers.of(dfe), OrderFilters.criteria(filter));
        return service.page(criteria, page).map(OrderConnections::of);
    }

    @DgsEntityFetcher(name = DgsConstants.ORDER.TYPE_NAME)
    public CompletableFuture<Order> orderEntity(Map<String, Object> values, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        return Ids.tryParse(values.get("id"))
                .map(id -> byId(dfe).load(id).thenApply(o -> o == null ? null : OrderAccess.readable(caller, o, id)))
                .orElse(CompletableFuture.completedFuture(null));
    }

    @DgsData(parentType = DgsConstants.ORDER.TYPE_NAME, field = DgsConstants.ORDER.Lines)
    CompletableFuture<List<OrderLine>> lines(DgsDataFetchingEnvironment dfe) {
        Order order = dfe.getSource();
        DataLoader<UUID, List<OrderLine>> loader = dfe.getDataLoader(OrderLoaders.Lines.class);
        return loader.load(order.id()).thenApply(l -> l == null ? List.of() : l);
    }

    @DgsData(parentType = DgsConstants.ORDER.TYPE_NAME, field = DgsConstants.ORDER.StatusHistory)
    CompletableFuture<List<StatusChange>> statusHistory(DgsDataFetchingEnvironment dfe) {
        Order order = dfe.getSource();
        DataLoader<UUID, List<StatusChange>> loader = dfe.getDataLoader(OrderLoaders.History.class);
        return loader.load(order.id()).thenApply(h -> h == null ? List.of() : h);
    }

    private static DataLoader<UUID, Order> byId(DgsDataFetchingEnvironment dfe) {
        return dfe.getDataLoader(OrderLoaders.ById.class);
    }
}
