package oms.inventory.reservation;

import java.util.UUID;

/** Units of a product held for an order until it ships or is cancelled. */
record Reservation(UUID orderId, UUID productId, int quantity) {}
