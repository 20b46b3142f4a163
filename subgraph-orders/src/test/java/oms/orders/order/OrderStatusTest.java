package oms.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

    @Test
    void a_pending_order_is_confirmed_rejected_or_cancelled() {
        assertThat(OrderStatus.PENDING.next())
                .containsExactlyInAnyOrder(OrderStatus.CONFIRMED, OrderStatus.REJECTED, OrderStatus.CANCELLED);
    }

    @Test
    void a_confirmed_order_can_still_be_cancelled_but_a_shipped_one_cannot() {
        assertThat(OrderStatus.CONFIRMED.canBecome(OrderStatus.CANCELLED)).isTrue();
        assertThat(OrderStatus.SHIPPED.canBecome(OrderStatus.CANCELLED)).isFalse();
    }

    @Test
    void delivered_rejected_and_cancelled_orders_are_final() {
        assertThat(OrderStatus.DELIVERED.isFinal()).isTrue();
        assertThat(OrderStatus.REJECTED.isFinal()).isTrue();
        assertThat(OrderStatus.CANCELLED.isFinal()).isTrue();
        assertThat(OrderStatus.PENDING.isFinal()).isFalse();
    }

    @Test
    void an_order_cannot_skip_confirmation() {
        assertThat(OrderStatus.PENDING.canBecome(OrderStatus.SHIPPED)).isFalse();
    }
}
