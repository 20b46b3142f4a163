package oms.orders.order;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import oms.orders.customer.Customer;

public record Order(
        UUID id,
        long sequence,
        UUID customerId,
        OrderStatus status,
        PaymentStatus paymentStatus,
        PaymentMethod paymentMethod,
        ShippingAddress shippingAddress,
        String currency,
        BigDecimal subtotal,
        int itemCount,
        OffsetDateTime placedAt,
        OffsetDateTime updatedAt,
        int version) {

    public String number() {
        return OrderNumber.format(sequence);
    }

    public Customer customer() {
        return new Customer(customerId);
    }

    public OrderTotals totals() {
        Money subtotalMoney = new Money(subtotal, currency);
        return new OrderTotals(subtotalMoney, subtotalMoney, itemCount);
    }
}
