package oms.orders.placement;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What validation knows about the world: the replicas of the catalogue and of customer status. */
public record PlacementContext(
        Map<UUID, CatalogProduct> productsById,
        Map<String, CatalogProduct> productsBySku,
        Map<UUID, String> customerStatus) {

    Optional<CatalogProduct> product(OrderRequest.Item item) {
        if (item.productId() != null) {
            return Optional.ofNullable(productsById.get(item.productId()));
        }
        return item.sku() == null
                ? Optional.empty()
                : Optional.ofNullable(productsBySku.get(item.sku().trim().toUpperCase()));
    }
}
