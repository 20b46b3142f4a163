package oms.shipping.carrier;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import oms.shipping.graphql.DgsConstants;
import oms.shipping.shipment.Shipment;
import reactor.core.publisher.Mono;

@DgsComponent
class CarrierDataFetcher {

    private final CarrierRepository carriers;

    CarrierDataFetcher(CarrierRepository carriers) {
        this.carriers = carriers;
    }

    @DgsQuery
    Mono<List<Carrier>> carriers() {
        return carriers.findAll().collectList();
    }

    @DgsData(parentType = DgsConstants.SHIPMENT.TYPE_NAME, field = DgsConstants.SHIPMENT.Carrier)
    CompletableFuture<Carrier> carrier(DgsDataFetchingEnvironment dfe) {
        Shipment shipment = dfe.getSource();
        return carrierOf(shipment, dfe);
    }

    @DgsData(parentType = DgsConstants.SHIPMENT.TYPE_NAME, field = DgsConstants.SHIPMENT.TrackingUrl)
    CompletableFuture<String> trackingUrl(DgsDataFetchingEnvironment dfe) {
        Shipment shipment = dfe.getSource();
        if (shipment.trackingNumber() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return carrierOf(shipment, dfe).thenApply(c -> c.trackingUrl(shipment.trackingNumber()));
    }

    private static CompletableFuture<Carrier> carrierOf(Shipment shipment, DgsDataFetchingEnvironment dfe) {
        return dfe.<String, Carrier>getDataLoader(CarrierLoader.class).load(shipment.carrierCode());
    }
}
