package oms.orders.lifecycle;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.UUID;
import oms.orders.graphql.types.CancelOrderInput;
import oms.orders.graphql.types.OrderPayload;
import oms.orders.graphql.types.RecordPaymentInput;
import oms.orders.order.OrderAccess;
import oms.orders.order.OrderService;
import oms.platform.error.ErrorCode;
import oms.platform.error.Outcome;
import oms.platform.error.Violation;
import oms.platform.graphql.Ids;
import oms.platform.security.Caller;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import reactor.core.publisher.Mono;

@DgsComponent
class OrderActionsDataFetcher {

    private final OrderActions actions;
    private final OrderService orders;

    OrderActionsDataFetcher(OrderActions actions, OrderService orders) {
        this.actions = actions;
        this.orders = orders;
    }

    @DgsMutation
    Mono<OrderPayload> cancelOrder(@InputArgument CancelOrderInput input, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).require(Role.CUSTOMER, Role.SALES);
        UUID id = Ids.parse(input.getOrderId(), "input", "orderId");
        String actor = caller.has(Role.SALES) ? "staff:" + caller.username() : "customer:" + caller.customerId();
        return orders.byId(id)
                .filter(order -> caller.has(Role.SALES) || OrderAccess.isReadable(caller, order))
                .flatMap(order -> actions.cancel(id, order.paymentStatus(), actor, input.getReason()))
                .flatMap(this::payload)
                .defaultIfEmpty(notFound());
    }

    @DgsMutation
    Mono<OrderPayload> recordPayment(@InputArgument RecordPaymentInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.SALES);
        UUID id = Ids.parse(input.getOrderId(), "input", "orderId");
        return actions.recordPayment(id, input.getAmount(), input.getReference())
                .flatMap(this::payload);
    }

    private Mono<OrderPayload> payload(Outcome<UUID> outcome) {
        return switch (outcome) {
            case Outcome.Done<UUID> done ->
                orders.byId(done.value())
                        .map(o -> OrderPayload.newBuilder()
                                .order(o)
                                .userErrors(List.of())
                                .build());
            case Outcome.Rejected<UUID> rejected ->
                Mono.just(OrderPayload.newBuilder()
                        .userErrors(rejected.violations())
                        .build());
        };
    }

    private static OrderPayload notFound() {
        return OrderPayload.newBuilder()
                .userErrors(List.of(new Violation(ErrorCode.NOT_FOUND, List.of("input", "orderId"), "No such order")))
                .build();
    }
}
