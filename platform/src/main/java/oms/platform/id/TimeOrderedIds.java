package oms.platform.id;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for rows written in bulk (orders, their lines, shipments, events): UUID version 7 (RFC
 * 9562), the Unix time in milliseconds in the first 48 bits and 74 bits from a cryptographically
 * strong generator after it. Ids made one after another sort one after another, so each B-tree index
 * keyed by them (the orders' primary key, every table keyed by order or event id) grows at its right
 * edge instead of touching a random leaf page per row. 74 random bits are fewer than a random UUID's
 * 122 but still far beyond guessing, and the creation time they reveal is the order's placedAt.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    /** A new id stamped with the current time. */
    public static UUID next() {
        return of(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextLong());
    }

    /** The id for {@code millis} with the given random bits (12 taken from the first, 62 from the second). */
    static UUID of(long millis, long randomA, long randomB) {
        long high = (millis << 16) | 0x7000L | (randomA & 0x0FFFL);
        long low = (randomB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /** The milliseconds since the epoch a version-7 id carries. */
    public static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
