package oms.orders.order;

public record OrderTotals(Money subtotal, Money total, int itemCount) {}
