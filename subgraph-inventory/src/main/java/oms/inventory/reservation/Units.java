package oms.inventory.reservation;

/**
 * A product's stock as the reservation desk sees it: on hand, and how many of those are held for
 * orders. Each operation keeps {@code 0 <= reserved <= onHand} or refuses.
 */
record Units(int onHand, int reserved) {

    Units {
        if (reserved < 0 || reserved > onHand) {
            throw new IllegalStateException("Reserved " + reserved + " of " + onHand + " on hand");
        }
    }

    int available() {
        return onHand - reserved;
    }

    Units reserve(int quantity) {
        if (quantity > available()) {
            throw new IllegalStateException("Cannot reserve " + quantity + " of " + available() + " available");
        }
        return new Units(onHand, reserved + quantity);
    }

    Units release(int quantity) {
        return new Units(onHand, reserved - quantity);
    }

    /** Reserved units that leave the warehouse: both on-hand and reserved drop. */
    Units ship(int quantity) {
        return new Units(onHand - quantity, reserved - quantity);
    }
}
