package oms.inventory.product;

import java.util.UUID;

/**
 * The catalogue event: a product as it is now, after it was created or changed. Orders keeps a
 * replica from these, so the payload is the whole product (see docs/events.md).
 *
 * @param price decimal string with two fraction digits, e.g. "12.50"
 */
public record ProductUpserted(UUID productId, String sku, String name, String price, String currency, boolean active) {

    public static final String TYPE = "ProductUpserted";

    static ProductUpserted of(Product product) {
        return new ProductUpserted(
                product.id(),
                product.sku(),
                product.name(),
                product.price().amount().toPlainString(),
                product.price().currency(),
                product.active());
    }
}
