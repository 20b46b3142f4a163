package oms.orders.placement;

/** What a batch does when some of its orders are invalid. */
public enum ErrorPolicy {
    /** Any invalid order: none of the batch is created. */
    ALL_OR_NOTHING,
    /** Valid orders are created, invalid ones reported. */
    PER_ORDER
}
