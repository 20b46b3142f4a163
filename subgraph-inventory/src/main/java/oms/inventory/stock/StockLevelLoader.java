package oms.inventory.stock;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Stock levels of many products in one query: a page of products with stock costs one more statement. */
@DgsDataLoader(name = "stockLevels")
class StockLevelLoader implements MappedBatchLoader<UUID, StockLevel> {

    private final StockRepository stock;

    StockLevelLoader(StockRepository stock) {
        this.stock = stock;
    }

    @Override
    public CompletionStage<Map<UUID, StockLevel>> load(Set<UUID> productIds) {
        return stock.findLevels(productIds).collectMap(StockLevel::productId).toFuture();
    }
}
