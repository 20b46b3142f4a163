package oms.inventory.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** Products by normalised SKU, one query per batch: serves {@code productBySku} and {@code _entities}. */
@DgsDataLoader(name = "productsBySku")
class ProductBySkuLoader implements ReactiveBatchLoader<String, Product> {

    private final ProductRepository products;

    ProductBySkuLoader(ProductRepository products) {
        this.products = products;
    }

    @Override
    public Mono<Map<String, Product>> loadBatch(Set<String> skus) {
        return products.findAllBySku(skus).collectMap(Product::sku);
    }
}
