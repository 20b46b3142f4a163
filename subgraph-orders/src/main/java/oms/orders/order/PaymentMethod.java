package oms.orders.order;

public enum PaymentMethod {
    CARD,
    PAYPAL,
    BANK_TRANSFER,
    INVOICE,
    CASH_ON_DELIVERY
}
