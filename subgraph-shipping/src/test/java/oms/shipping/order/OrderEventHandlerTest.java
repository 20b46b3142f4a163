package oms.shipping.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import oms.platform.events.InboundEvent;
import oms.shipping.order.OrderEventHandler.Changes;
import oms.shipping.order.OrderEventHandler.NewShipment;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OrderEventHandlerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID ORDER = UUID.randomUUID();
    private static final UUID CUSTOMER = UUID.randomUUID();

    private static InboundEvent event(String type, String payload) {
        return new InboundEvent("orders", "1-0", UUID.randomUUID(), type, ORDER.toString(), payload);
    }

    private static InboundEvent confirmed(UUID order) {
        return event("OrderConfirmed", "{\"orderId\":\"" + order + "\",\"customerId\":\"" + CUSTOMER + "\"}");
    }

    @Test
    void the_consumer_hands_over_confirmations_and_cancellations_only() {
        OrderEventHandler handler = new OrderEventHandler(null, JSON);
        assertThat(handler.handles("OrderConfirmed")).isTrue();
        assertThat(handler.handles("OrderCancelled")).isTrue();
        assertThat(handler.handles("OrderPlaced")).isFalse();
        assertThat(handler.handles("OrderShipped")).isFalse();
    }

    @Test
    void a_confirmed_order_opens_a_shipment_for_its_customer_with_the_default_carrier() {
        Changes changes = OrderEventHandler.read(List.of(confirmed(ORDER)), JSON);
        assertThat(changes.opened()).containsExactly(new NewShipment(ORDER, CUSTOMER, "DHL"));
        assertThat(changes.cancelled()).isEmpty();
    }

    @Test
    void an_order_confirmed_twice_in_one_batch_opens_one_shipment() {
        assertThat(OrderEventHandler.read(List.of(confirmed(ORDER), confirmed(ORDER)), JSON)
                        .opened())
                .hasSize(1);
    }

    @Test
    void a_cancelled_order_asks_for_its_shipment_to_be_cancelled() {
        Changes changes = OrderEventHandler.read(
                List.of(
                        confirmed(ORDER),
                        event("OrderCancelled", "{\"orderId\":\"" + ORDER + "\",\"previousStatus\":\"CONFIRMED\"}")),
                JSON);
        assertThat(changes.opened()).extracting(NewShipment::orderId).containsExactly(ORDER);
        assertThat(changes.cancelled()).containsExactly(ORDER);
    }

    @Test
    void events_that_are_not_shippings_business_change_nothing() {
        Changes changes = OrderEventHandler.read(
                List.of(
                        event("OrderPlaced", "{\"orderId\":\"" + ORDER + "\",\"lines\":[]}"),
                        event("OrderShipped", "{\"orderId\":\"" + ORDER + "\"}")),
                JSON);
        assertThat(changes.opened()).isEmpty();
        assertThat(changes.cancelled()).isEmpty();
    }

    @Test
    void a_confirmation_without_a_customer_is_malformed() {
        assertThatThrownBy(() -> OrderEventHandler.read(
                        List.of(event("OrderConfirmed", "{\"orderId\":\"" + ORDER + "\"}")), JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId");
        assertThatThrownBy(() -> OrderEventHandler.read(List.of(event("OrderCancelled", "{\"orderId\":42}")), JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orderId");
    }
}
