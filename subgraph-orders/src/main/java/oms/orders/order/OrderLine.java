package oms.orders.order;

import java.util.UUID;

public record OrderLine(
        UUID id,
        UUID orderId,
        int lineNo,
        UUID productId,
        String sku,
        String productName,
        int quantity,
        Money unitPrice) {

    public ProductRef product() {
        return new ProductRef(productId);
    }

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
