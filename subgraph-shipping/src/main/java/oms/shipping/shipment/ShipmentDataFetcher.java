package oms.shipping.shipment;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.platform.error.DomainException;
import oms.platform.graphql.Ids;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Caller;
import oms.platform.security.Callers;
import oms.shipping.graphql.DgsConstants;
import oms.shipping.graphql.types.ShipmentConnection;
import oms.shipping.graphql.types.ShipmentEdge;
import oms.shipping.order.Order;
import reactor.core.publisher.Mono;

@DgsComponent
public class ShipmentDataFetcher {

    private final ShipmentService service;

    ShipmentDataFetcher(ShipmentService service) {
        this.service = service;
    }

    @DgsQuery
    CompletableFuture<Shipment> shipment(@InputArgument String id, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        UUID shipmentId = Ids.parse(id, "id");
        return dfe.<UUID, Shipment>getDataLoader(ShipmentLoader.class)
                .load(shipmentId)
                .thenApply(s -> {
                    if (s == null) {
                        throw DomainException.notFound("Shipment", id);
                    }
                    return ShipmentAccess.readable(caller, s, "Shipment", id);
                });
    }

    @DgsQuery
    Mono<Shipment> shipmentByTrackingNumber(@InputArgument String trackingNumber, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        return service.byTrackingNumber(trackingNumber)
                .map(s -> ShipmentAccess.readable(caller, s, "Shipment with tracking number", trackingNumber));
    }

    @DgsQuery
    Mono<ShipmentConnection> shipments(
            @InputArgument Integer first,
            @InputArgument String after,
            @InputArgument ShipmentStatus status,
            @InputArgument String carrier,
            DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(ShipmentAccess.STAFF);
        PageRequest request = PageRequest.of(first, after);
        return service.page(status, carrier, request)
                .map(page -> ShipmentConnection.newBuilder()
                        .edges(page.edges((cursor, node) -> ShipmentEdge.newBuilder()
                                .cursor(cursor)
                                .node(node)
                                .build()))
                        .pageInfo(page.pageInfo())
                        .build());
    }

    // public: DGS invokes entity fetchers reflectively
    @DgsEntityFetcher(name = DgsConstants.SHIPMENT.TYPE_NAME)
    public CompletableFuture<Shipment> shipmentEntity(Map<String, Object> values, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        return Ids.tryParse(values.get("id"))
                .map(id -> dfe.<UUID, Shipment>getDataLoader(ShipmentLoader.class)
                        .load(id)
                        .thenApply(s -> s == null ? null : ShipmentAccess.readable(caller, s, "Shipment", id)))
                .orElse(CompletableFuture.completedFuture(null));
    }

    @DgsData(parentType = DgsConstants.SHIPMENT.TYPE_NAME, field = DgsConstants.SHIPMENT.Order)
    Order order(DgsDataFetchingEnvironment dfe) {
        Shipment shipment = dfe.getSource();
        return new Order(shipment.orderId());
    }

    @DgsData(parentType = DgsConstants.ORDER.TYPE_NAME, field = DgsConstants.ORDER.Shipment)
    CompletableFuture<Shipment> shipmentOfOrder(DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).requireAuthenticated();
        Order order = dfe.getSource();
        return dfe.<UUID, Shipment>getDataLoader(ShipmentByOrderLoader.class)
                .load(order.id())
                // another customer's order has, as far as this caller can tell, no shipment: as an unknown order
                .thenApply(s -> s == null || !ShipmentAccess.isReadable(caller, s) ? null : s);
    }

    /** Sales and warehouse see every shipment; a customer only those of their own orders. */
}
