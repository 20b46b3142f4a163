package oms.shipping.tracking;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** Tracking events of many shipments in one query. */
@DgsDataLoader(name = "eventsByShipment")
class ShipmentEventsLoader implements ReactiveBatchLoader<UUID, List<ShipmentEvent>> {

    private final ShipmentEventRepository events;

    ShipmentEventsLoader(ShipmentEventRepository events) {
        this.events = events;
    }

    @Override
    public Mono<Map<UUID, List<ShipmentEvent>>> loadBatch(Set<UUID> shipmentIds) {
        // groupingBy keeps each list in the query's (oldest first) order
        return events.findByShipmentIds(shipmentIds).collect(Collectors.groupingBy(ShipmentEvent::shipmentId));
    }
}
