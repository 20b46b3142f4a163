package oms.inventory.stock;

import java.time.OffsetDateTime;
import java.util.UUID;

/** How many units of a product are on hand, and how many of those are promised to orders. */
public record StockLevel(UUID productId, int onHand, int reserved, OffsetDateTime updatedAt) {

    /** Units that can still be promised to new orders. */
    public int available() {
        return onHand - reserved;
    }

    /** Units available at or below which shoppers see "low stock". */
    public static final int LOW_STOCK_UNITS = 5;

    public enum Availability {
        IN_STOCK,
        LOW_STOCK,
        OUT_OF_STOCK
    }

    /** What shoppers are told: never the numbers. */
    public Availability availability() {
        int available = available();
        return available <= 0
                ? Availability.OUT_OF_STOCK
                : available <= LOW_STOCK_UNITS ? Availability.LOW_STOCK : Availability.IN_STOCK;
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
