package oms.shipping.shipment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** The shipments of many orders in one query; orders without one are simply absent (null). */
@DgsDataLoader(name = "shipmentsByOrder")
class ShipmentByOrderLoader implements MappedBatchLoader<UUID, Shipment> {

    private final ShipmentRepository shipments;

    ShipmentByOrderLoader(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    @Override
    public CompletionStage<Map<UUID, Shipment>> load(Set<UUID> orderIds) {
        return shipments.findByOrderIds(orderIds).collectMap(Shipment::orderId).toFuture();
    }
}
