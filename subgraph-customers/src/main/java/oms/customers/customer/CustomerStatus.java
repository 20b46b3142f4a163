package oms.customers.customer;

public enum CustomerStatus {
    ACTIVE,
    /** A blocked customer keeps their history but cannot place new orders. */
    BLOCKED
}
