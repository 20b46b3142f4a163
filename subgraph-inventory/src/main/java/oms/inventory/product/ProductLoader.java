package oms.inventory.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/**
 * Products by id, one query per batch: serves {@code product(id)}, {@code _entities} and the
 * product of a stock adjustment.
 */
@DgsDataLoader(name = "products")
public class ProductLoader implements ReactiveBatchLoader<UUID, Product> {

    private final ProductRepository products;

    ProductLoader(ProductRepository products) {
        this.products = products;
    }

    @Override
    public Mono<Map<UUID, Product>> loadBatch(Set<UUID> ids) {
        return products.findAllById(ids).collectMap(Product::id);
    }
}
