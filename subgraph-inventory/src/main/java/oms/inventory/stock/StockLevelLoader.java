package oms.inventory.stock;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** Stock levels of many products in one query: a page of products with stock costs one more statement. */
@DgsDataLoader(name = "stockLevels")
class StockLevelLoader implements ReactiveBatchLoader<UUID, StockLevel> {

    private final StockRepository stock;

    StockLevelLoader(StockRepository stock) {
        this.stock = stock;
    }

    @Override
    public Mono<Map<UUID, StockLevel>> loadBatch(Set<UUID> productIds) {
        return stock.findLevels(productIds).collectMap(StockLevel::productId);
    }
}
