package oms.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderNumberTest {

    @Test
    void numbers_are_padded_to_six_digits() {
        assertThat(OrderNumber.format(42)).isEqualTo("ORD-000042");
        assertThat(OrderNumber.format(1_234_567)).isEqualTo("ORD-1234567");
    }

    @Test
    void a_number_reads_back_whatever_its_case_and_padding() {
        assertThat(OrderNumber.parse("ord-000042")).hasValue(42);
        assertThat(OrderNumber.parse(" ORD-42 ")).hasValue(42);
    }

    @Test
    void anything_else_is_not_an_order_number() {
        assertThat(OrderNumber.parse("42")).isEmpty();
        assertThat(OrderNumber.parse("ORD-")).isEmpty();
        assertThat(OrderNumber.parse(null)).isEmpty();
    }
}
