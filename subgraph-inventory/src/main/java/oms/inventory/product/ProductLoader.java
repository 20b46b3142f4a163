package oms.inventory.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/**
 * Products by id, one query per batch: serves {@code product(id)}, {@code _entities} and the
 * product of a stock adjustment.
 */
@DgsDataLoader(name = "products")
public class ProductLoader implements MappedBatchLoader<UUID, Product> {

    private final ProductRepository products;

    ProductLoader(ProductRepository products) {
        this.products = products;
    }

    @Override
    public CompletionStage<Map<UUID, Product>> load(Set<UUID> ids) {
        return products.findAllById(ids).collectMap(Product::id).toFuture();
    }
}
