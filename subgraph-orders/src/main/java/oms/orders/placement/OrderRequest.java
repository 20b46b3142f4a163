package oms.orders.placement;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import oms.orders.order.PaymentMethod;
import oms.orders.order.ShippingAddress;

/** One order as a client asked for it, before validation. */
public record OrderRequest(
        UUID customerId,
        List<Item> items,
        ShippingAddress shippingAddress,
        PaymentMethod paymentMethod,
        String idempotencyKey) {

    public OrderRequest {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A product by id or sku, a quantity and optionally the unit price the client expects to pay. */
    public record Item(UUID productId, String sku, int quantity, BigDecimal unitPrice) {}

    /** A stable fingerprint of the content, to recognise a retry carrying the same idempotency key. */
    public String fingerprint() {
        StringBuilder s = new StringBuilder()
                .append(customerId)
                .append('|')
                .append(paymentMethod)
                .append('|')
                .append(shippingAddress);
        for (Item item : items) {
            s.append('|')
                    .append(item.productId())
                    .append(',')
                    .append(item.sku())
                    .append(',')
                    .append(item.quantity())
                    .append(',')
                    .append(
                            item.unitPrice() == null
                                    ? ""
                                    : item.unitPrice().stripTrailingZeros().toPlainString());
        }
        return Fingerprints.sha256(s.toString());
    }
}
