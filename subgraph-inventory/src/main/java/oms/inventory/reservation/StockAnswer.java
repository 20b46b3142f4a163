package oms.inventory.reservation;

import java.util.List;
import java.util.UUID;

/**
 * Inventory's reply to an order placement, published on the {@code inventory} stream. The record
 * names are the event types and the records are the payloads.
 */
sealed interface StockAnswer {

    UUID orderId();

    /** Every line of the order is reserved. */
    record StockReserved(UUID orderId) implements StockAnswer {}

    /** Nothing is reserved; {@code productIds} are the products that did not fit. */
    record StockRejected(UUID orderId, RejectionReason reason, List<UUID> productIds) implements StockAnswer {
        public StockRejected {
            productIds = List.copyOf(productIds);
        }
    }

    enum RejectionReason {
        /** A product has fewer units available than the order asks for. */
        OUT_OF_STOCK,
        /** The product has no stock record here. */
        UNKNOWN_PRODUCT
    }
}
