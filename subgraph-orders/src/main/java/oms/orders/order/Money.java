package oms.orders.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** An exact amount in one currency, always with two decimals. */
public record Money(BigDecimal amount, String currency) {

    public Money {
        amount = amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }
}
