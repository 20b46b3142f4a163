package oms.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void line_totals_are_exact() {
        OrderLine line =
                new OrderLine(null, null, 1, null, "SKU-1", "Thing", 3, new Money(new BigDecimal("0.10"), "EUR"));
        assertThat(line.lineTotal().amount()).isEqualByComparingTo("0.30");
        assertThat(line.lineTotal().amount().scale()).isEqualTo(2);
    }
}
