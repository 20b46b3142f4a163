package oms.shipping.carrier;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Carriers by code, one query per batch: a page of shipments names only a handful of carriers. */
@DgsDataLoader(name = "carriers")
class CarrierLoader implements MappedBatchLoader<String, Carrier> {

    private final CarrierRepository carriers;

    CarrierLoader(CarrierRepository carriers) {
        this.carriers = carriers;
    }

    @Override
    public CompletionStage<Map<String, Carrier>> load(Set<String> codes) {
        return carriers.findByCodes(codes).collectMap(Carrier::code).toFuture();
    }
}
