package oms.inventory.stock;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a product's stock ledger: on-hand changed by {@code delta}, leaving {@code onHandAfter}. */
public record StockMovement(
        UUID id, UUID productId, int delta, String reason, int onHandAfter, OffsetDateTime createdAt) {

    /** The reason of every product's first movement, which records its opening balance. */
    public static final String INITIAL_STOCK = "Initial stock";
}
