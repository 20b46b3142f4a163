package oms.shipping.carrier;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** Carriers by code, one query per batch: a page of shipments names only a handful of carriers. */
@DgsDataLoader(name = "carriers")
class CarrierLoader implements ReactiveBatchLoader<String, Carrier> {

    private final CarrierRepository carriers;

    CarrierLoader(CarrierRepository carriers) {
        this.carriers = carriers;
    }

    @Override
    public Mono<Map<String, Carrier>> loadBatch(Set<String> codes) {
        return carriers.findByCodes(codes).collectMap(Carrier::code);
    }
}
