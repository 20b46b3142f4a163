package oms.shipping.shipment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** The shipments of many orders in one query; orders without one are simply absent (null). */
@DgsDataLoader(name = "shipmentsByOrder")
class ShipmentByOrderLoader implements ReactiveBatchLoader<UUID, Shipment> {

    private final ShipmentRepository shipments;

    ShipmentByOrderLoader(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    @Override
    public Mono<Map<UUID, Shipment>> loadBatch(Set<UUID> orderIds) {
        return shipments.findByOrderIds(orderIds).collectMap(Shipment::orderId);
    }
}
