package oms.orders.order;

public enum PaymentStatus {
    PENDING,
    AUTHORIZED,
    PAID,
    REFUND_DUE,
    REFUNDED,
    VOIDED
}
