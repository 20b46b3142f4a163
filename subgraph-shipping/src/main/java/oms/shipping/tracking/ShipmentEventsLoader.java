package oms.shipping.tracking;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Tracking events of many shipments in one query. */
@DgsDataLoader(name = "eventsByShipment")
class ShipmentEventsLoader implements MappedBatchLoader<UUID, List<ShipmentEvent>> {

    private final ShipmentEventRepository events;

    ShipmentEventsLoader(ShipmentEventRepository events) {
        this.events = events;
    }

    @Override
    public CompletionStage<Map<UUID, List<ShipmentEvent>>> load(Set<UUID> shipmentIds) {
        // groupingBy keeps each list in the query's (oldest first) order
        return events.findByShipmentIds(shipmentIds)
                .collect(Collectors.groupingBy(ShipmentEvent::shipmentId))
                .toFuture();
    }
}
