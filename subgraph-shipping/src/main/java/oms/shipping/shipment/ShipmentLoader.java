package oms.shipping.shipment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** Shipments by id, one query per batch: serves {@code shipment(id)} and {@code _entities}. */
@DgsDataLoader(name = "shipments")
class ShipmentLoader implements ReactiveBatchLoader<UUID, Shipment> {

    private final ShipmentRepository shipments;

    ShipmentLoader(ShipmentRepository shipments) {
        this.shipments = shipments;
    }

    @Override
    public Mono<Map<UUID, Shipment>> loadBatch(Set<UUID> ids) {
        return shipments.findAllById(ids).collectMap(Shipment::id);
    }
}
