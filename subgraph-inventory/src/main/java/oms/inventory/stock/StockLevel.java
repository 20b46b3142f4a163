package oms.inventory.stock;

import java.time.OffsetDateTime;
import java.util.UUID;

/** How many units of a product are on hand, and how many of those are promised to orders. */
public record StockLevel(UUID productId, int onHand, int reserved, OffsetDateTime updatedAt) {

    /** Units that can still be promised to new orders. */
    public int available() {
        return onHand - reserved;
    }

    /**
     * Whether on-hand may change by {@code delta}: it must stay at or above what is reserved (and so
     * at or above zero). The database applies this same rule atomically in its conditional UPDATE;
     * here it words the refusal.
     */
    public boolean allows(int delta) {
        return (long) onHand + delta >= reserved;
    }
}
