package oms.inventory.reservation;

/**
 * What inventory answered to an order; remembered so that an order is decided once. CANCELLED
 * means the cancellation came before inventory handled any placement of the order.
 */
enum Decision {
    RESERVED,
    REJECTED,
    CANCELLED
}
