package oms.inventory.reservation;

import java.util.UUID;

/** Units of one product that an order asks for. */
record OrderLine(UUID productId, int quantity) {}
