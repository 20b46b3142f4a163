package oms.shipping.tracking;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.shipping.graphql.DgsConstants;
import oms.shipping.shipment.Shipment;

@DgsComponent
class ShipmentEventDataFetcher {

    @DgsData(parentType = DgsConstants.SHIPMENT.TYPE_NAME, field = DgsConstants.SHIPMENT.Events)
    CompletableFuture<List<ShipmentEvent>> events(DgsDataFetchingEnvironment dfe) {
        Shipment shipment = dfe.getSource();
        return dfe.<UUID, List<ShipmentEvent>>getDataLoader(ShipmentEventsLoader.class)
                .load(shipment.id())
                .thenApply(list -> list == null ? List.of() : list);
    }
}
