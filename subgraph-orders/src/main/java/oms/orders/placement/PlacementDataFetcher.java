package oms.orders.placement;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.orders.graphql.DgsConstants;
import oms.orders.graphql.types.CreateOrderInput;
import oms.orders.graphql.types.CreateOrdersInput;
import oms.orders.graphql.types.CreateOrdersPayload;
import oms.orders.graphql.types.OrderItemInput;
import oms.orders.graphql.types.ShippingAddressInput;
import oms.orders.order.Order;
import oms.orders.order.ShippingAddress;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import oms.platform.graphql.Ids;
import oms.platform.security.Caller;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

/** createOrder and createOrders: who may order for whom, and the mapping of inputs to requests. */
@DgsComponent
class PlacementDataFetcher {

    private static final UUID UNKNOWN = new UUID(0, 0);

    private final PlacementService placement;
    private final PlacementMetrics metrics;

    PlacementDataFetcher(PlacementService placement, PlacementMetrics metrics) {
        this.placement = placement;
        this.metrics = metrics;
    }

    @DgsMutation
    Mono<PlacementResult> createOrder(@InputArgument CreateOrderInput input, DgsDataFetchingEnvironment dfe) {
        Caller caller = orderingCaller(dfe);
        return placement
                .place(
                        PlacementMetrics.Mode.SINGLE,
                        caller.subject(),
                        actor(caller),
                        List.of(request(caller, input)),
                        ErrorPolicy.PER_ORDER,
                        null,
                        List.of("input"))
                .map(List::getFirst);
    }

    @DgsMutation
    Mono<CreateOrdersPayload> createOrders(@InputArgument CreateOrdersInput input, DgsDataFetchingEnvironment dfe) {
        Caller caller = orderingCaller(dfe);
        List<CreateOrderInput> orders = input.getOrders() == null ? List.of() : input.getOrders();
        if (orders.isEmpty() || orders.size() > PlacementService.MAX_BATCH) {
            return Mono.just(CreateOrdersPayload.newBuilder()
                    .results(List.of())
                    .acceptedCount(0)
                    .rejectedCount(orders.size())
                    .userErrors(List.of(new Violation(
                            ErrorCode.LIMIT_EXCEEDED,
                            List.of("input", "orders"),
                            "A batch has 1 to " + PlacementService.MAX_BATCH + " orders")))
                    .build());
        }
        metrics.batchOf(orders.size());
        List<OrderRequest> requests =
                orders.stream().map(o -> request(caller, o)).toList();
        ErrorPolicy policy = input.getErrorPolicy() == null ? ErrorPolicy.PER_ORDER : input.getErrorPolicy();
        return placement
                .place(
                        PlacementMetrics.Mode.BATCH,
                        caller.subject(),
                        actor(caller),
                        requests,
                        policy,
                        input.getIdempotencyKey(),
                        List.of("input", "orders"))
                .map(results -> {
                    if (results.size() == 1 && results.getFirst().index() < 0) {
                        return CreateOrdersPayload.newBuilder()
                                .results(List.of())
                                .acceptedCount(0)
                                .rejectedCount(requests.size())
                                .userErrors(results.getFirst().violations())
                                .build();
                    }
                    long accepted =
                            results.stream().filter(PlacementResult::accepted).count();
                    return CreateOrdersPayload.newBuilder()
                            .results(results)
                            .acceptedCount((int) accepted)
                            .rejectedCount(results.size() - (int) accepted)
                            .userErrors(List.of())
                            .build();
                });
    }

    /** The created order, loaded in one batch with every other order of the response. */
    @DgsData(parentType = DgsConstants.CREATEORDERRESULT.TYPE_NAME, field = DgsConstants.CREATEORDERRESULT.Order)
    CompletableFuture<Order> resultOrder(DgsDataFetchingEnvironment dfe) {
        PlacementResult result = dfe.getSource();
        return result.accepted() ? orders(dfe).load(result.orderId()) : CompletableFuture.completedFuture(null);
    }

    @DgsData(parentType = DgsConstants.CREATEORDERPAYLOAD.TYPE_NAME, field = DgsConstants.CREATEORDERPAYLOAD.Order)
    CompletableFuture<Order> payloadOrder(DgsDataFetchingEnvironment dfe) {
        return resultOrder(dfe);
    }

    private static DataLoader<UUID, Order> orders(DgsDataFetchingEnvironment dfe) {
        return dfe.getDataLoader("orders");
    }

    private static Caller orderingCaller(DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).require(Role.CUSTOMER, Role.SALES);
        if (!caller.has(Role.SALES) && caller.customerId() == null) {
            throw new DomainException(
                    ErrorCode.CUSTOMER_NOT_ALLOWED,
                    "This account has no customer profile yet: create it with registerMyProfile, then sign in again");
        }
        return caller;
    }

    private static String actor(Caller caller) {
        return caller.has(Role.SALES) ? "staff:" + caller.username() : "customer:" + caller.customerId();
    }

    private static OrderRequest request(Caller caller, CreateOrderInput input) {
        UUID customer = input.getCustomerId() == null
                ? null
                : Ids.tryParse(input.getCustomerId()).orElse(UNKNOWN);
        if (!caller.has(Role.SALES)) {
            if (customer != null && !caller.isCustomer(customer)) {
                throw Caller.forbidden();
            }
            customer = caller.customerId();
        }
        List<OrderRequest.Item> items = input.getItems() == null
                ? List.of()
                : input.getItems().stream().map(PlacementDataFetcher::item).toList();
        return new OrderRequest(
                customer,
                items,
                address(input.getShippingAddress()),
                input.getPaymentMethod(),
                blankToNull(input.getIdempotencyKey()));
    }

    private static OrderRequest.Item item(OrderItemInput i) {
        UUID product =
                i.getProductId() == null ? null : Ids.tryParse(i.getProductId()).orElse(UNKNOWN);
        return new OrderRequest.Item(product, blankToNull(i.getSku()), i.getQuantity(), i.getUnitPrice());
    }

    private static ShippingAddress address(ShippingAddressInput a) {
        return a == null
                ? null
                : new ShippingAddress(
                        blankToNull(a.getName()),
                        a.getLine1(),
                        blankToNull(a.getLine2()),
                        a.getCity(),
                        a.getPostalCode(),
                        a.getCountry());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
