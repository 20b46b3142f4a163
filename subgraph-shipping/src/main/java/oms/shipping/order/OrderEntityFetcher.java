package oms.shipping.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import java.util.Map;
import oms.platform.graphql.Ids;
import oms.platform.security.PublicEntity;
import oms.shipping.graphql.DgsConstants;

/**
 * Resolves Order references from the router. Any well-formed id is an order here: shipping does not
 * know which orders exist, only which have a shipment ({@code Order.shipment} is null otherwise).
 */
@DgsComponent
public class OrderEntityFetcher {

    // public: DGS invokes entity fetchers reflectively
    @DgsEntityFetcher(name = DgsConstants.ORDER.TYPE_NAME)
    @PublicEntity("a key stub: Order.shipment checks the caller")
    public Order order(Map<String, Object> values) {
        return Ids.tryParse(values.get("id")).map(Order::new).orElse(null);
    }
}
