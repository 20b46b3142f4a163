package oms.inventory.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Products by normalised SKU, one query per batch: serves {@code productBySku} and {@code _entities}. */
@DgsDataLoader(name = "productsBySku")
class ProductBySkuLoader implements MappedBatchLoader<String, Product> {

    private final ProductRepository products;

    ProductBySkuLoader(ProductRepository products) {
        this.products = products;
    }

    @Override
    public CompletionStage<Map<String, Product>> load(Set<String> skus) {
        return products.findAllBySku(skus).collectMap(Product::sku).toFuture();
    }
}
