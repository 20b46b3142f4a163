package oms.orders.tracking;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsSubscription;
import com.netflix.graphql.dgs.InputArgument;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import oms.orders.graphql.DgsConstants;
import oms.orders.graphql.types.OrderStatusChangeFilter;
import oms.orders.order.Order;
import oms.orders.order.OrderAccess;
import oms.orders.order.OrderNumber;
import oms.orders.order.OrderService;
import oms.orders.order.OrderStatus;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import oms.platform.graphql.Ids;
import oms.platform.security.Caller;
import oms.platform.security.Callers;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The order-status subscriptions and the fields of their events. */
@DgsComponent
public class OrderStatusSubscriptions {

    private final OrderTracking tracking;
    private final OrderService orders;

    OrderStatusSubscriptions(OrderTracking tracking, OrderService orders) {
        this.tracking = tracking;
        this.orders = orders;
    }

    // Each subscription checks its arguments and the caller inside the stream, so that a refusal ends
    // the stream with a coded error over every transport (SSE cannot answer a plain error result).

    @DgsSubscription
    public Publisher<StatusEvent> orderStatusChanged(
            @InputArgument String orderId, @InputArgument Integer afterVersion, DgsDataFetchingEnvironment dfe) {
        return Flux.defer(() -> followOrder(orderId, afterVersion, dfe));
    }

    private Flux<StatusEvent> followOrder(String orderId, Integer afterVersion, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        UUID id = Ids.parse(orderId, "orderId");
        Resume resume = Resume.afterVersion(afterVersion);
        return orders.byId(id)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("Order", orderId)))
                .map(order -> OrderAccess.readable(caller, order, orderId))
                .flatMapMany(order -> tracking.follow(LiveFilter.order(id), resume, caller.expiresAt()));
    }

    @DgsSubscription
    public Publisher<StatusEvent> myOrderStatusChanges(@InputArgument String after, DgsDataFetchingEnvironment dfe) {
        return Flux.defer(() -> {
            Caller caller = Callers.of(dfe).requireAuthenticated();
            if (caller.customerId() == null) {
                throw new DomainException(ErrorCode.FORBIDDEN, "This account has no customer profile");
            }
            return tracking.follow(
                    LiveFilter.customer(caller.customerId()), Resume.afterCursor(after), caller.expiresAt());
        });
    }

    @DgsSubscription
    public Publisher<StatusEvent> orderStatusChanges(
            @InputArgument OrderStatusChangeFilter filter,
            @InputArgument String after,
            DgsDataFetchingEnvironment dfe) {
        return Flux.defer(() -> followAll(filter, after, dfe));
    }

    private Flux<StatusEvent> followAll(OrderStatusChangeFilter filter, String after, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        if (!caller.isStaff()) {
            throw Caller.forbidden();
        }
        UUID customer = filter == null || filter.getCustomerId() == null
                ? null
                : Ids.parse(filter.getCustomerId(), "filter", "customerId");
        Set<OrderStatus> statuses = filter == null
                        || filter.getStatus() == null
                        || filter.getStatus().isEmpty()
                ? Set.of()
                : EnumSet.copyOf(filter.getStatus());
        return tracking.follow(new LiveFilter(null, customer, statuses), Resume.afterCursor(after), caller.expiresAt());
    }

    @DgsData(parentType = DgsConstants.ORDERSTATUSEVENT.TYPE_NAME, field = DgsConstants.ORDERSTATUSEVENT.Cursor)
    public String cursor(DgsDataFetchingEnvironment dfe) {
        return Long.toString(dfe.<StatusEvent>getSource().seq());
    }

    @DgsData(parentType = DgsConstants.ORDERSTATUSEVENT.TYPE_NAME, field = DgsConstants.ORDERSTATUSEVENT.Number)
    public String number(DgsDataFetchingEnvironment dfe) {
        return OrderNumber.format(dfe.<StatusEvent>getSource().number());
    }

    @DgsData(parentType = DgsConstants.ORDERSTATUSEVENT.TYPE_NAME, field = DgsConstants.ORDERSTATUSEVENT.PreviousStatus)
    public OrderStatus previousStatus(DgsDataFetchingEnvironment dfe) {
        return dfe.<StatusEvent>getSource().from();
    }

    @DgsData(parentType = DgsConstants.ORDERSTATUSEVENT.TYPE_NAME, field = DgsConstants.ORDERSTATUSEVENT.Status)
    public OrderStatus status(DgsDataFetchingEnvironment dfe) {
        return dfe.<StatusEvent>getSource().to();
    }

    @DgsData(parentType = DgsConstants.ORDERSTATUSEVENT.TYPE_NAME, field = DgsConstants.ORDERSTATUSEVENT.Order)
    public Mono<Order> order(DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe);
        UUID id = dfe.<StatusEvent>getSource().orderId();
        return orders.byId(id).map(order -> OrderAccess.readable(caller, order, id));
    }
}
