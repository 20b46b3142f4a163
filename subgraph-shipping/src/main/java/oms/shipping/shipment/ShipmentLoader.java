package oms.shipping.shipment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Shipments by id, one query per batch: serves {@code shipment(id)} and {@code _entities}. */
@DgsDataLoader(name = "shipments")
class ShipmentLoader implements MappedBatchLoader<UUID, Shipment> {

    private final ShipmentRepository shipments;

    ShipmentLoader(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    @Override
    public CompletionStage<Map<UUID, Shipment>> load(Set<UUID> ids) {
        return shipments.findAllById(ids).collectMap(Shipment::id).toFuture();
    }
}
