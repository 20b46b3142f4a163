package oms.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import oms.inventory.reservation.StockAnswer.RejectionReason;
import oms.inventory.reservation.StockAnswer.StockRejected;
import oms.inventory.reservation.StockAnswer.StockReserved;
import oms.platform.events.InboundEvent;
import oms.platform.events.OutboundEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OrderEventCodecTest {

    private final OrderEventCodec codec =
            new OrderEventCodec(JsonMapper.builder().build());
    private final UUID order = UUID.randomUUID();
    private final UUID product = UUID.randomUUID();

    private static InboundEvent event(String type, String payload) {
        return new InboundEvent("orders", "1-0", UUID.randomUUID(), type, "key", payload);
    }

    @Test
    void an_order_placement_is_read_as_the_contract_defines_it_ignoring_fields_added_later() {
        String payload = """
                {"orderId":"%s","customerId":"%s","lines":[{"productId":"%s","quantity":2,"unitPrice":"9.90"}],"channel":"web"}""".formatted(order, UUID.randomUUID(), product);
        assertThat(codec.read(event("OrderPlaced", payload)))
                .contains(new OrderEvent.Placed(order, List.of(new OrderLine(product, 2))));
    }

    @Test
    void cancellations_and_shipments_are_read_and_other_order_events_are_ignored() {
        assertThat(codec.read(event("OrderCancelled", """
                {"orderId":"%s","customerId":"%s","previousStatus":"CONFIRMED"}""".formatted(order, UUID.randomUUID()))))
                .contains(new OrderEvent.Cancelled(order));
        assertThat(codec.read(event("OrderShipped", "{\"orderId\":\"" + order + "\"}")))
                .contains(new OrderEvent.Shipped(order));
        assertThat(codec.read(event("OrderConfirmed", "{\"orderId\":\"" + order + "\"}")))
                .isEmpty();
    }

    @Test
    void the_consumer_hands_over_exactly_the_types_the_codec_reads() {
        String payload =
                "{\"orderId\":\"" + order + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
        for (String type : List.of("OrderPlaced", "OrderConfirmed", "OrderCancelled", "OrderShipped", "Other")) {
            assertThat(codec.read(event(type, payload)).isPresent()).as(type).isEqualTo(OrderEventCodec.reads(type));
        }
    }

    @Test
    void an_event_that_breaks_the_contract_fails_so_that_it_can_be_parked() {
        assertThatThrownBy(() -> codec.read(event("OrderPlaced", "not json"))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> codec.read(event("OrderPlaced", "{\"orderId\":\"" + order + "\",\"lines\":[]}")))
                .hasMessageContaining("no lines");
        assertThatThrownBy(() -> codec.read(event("OrderPlaced", """
                {"orderId":"%s","lines":[{"productId":"%s","quantity":0}]}""".formatted(order, product))))
                .hasMessageContaining("positive quantity");
        assertThatThrownBy(() -> codec.read(event("OrderShipped", "{}"))).hasMessageContaining("no orderId");
    }

    @Test
    void answers_are_written_on_the_inventory_stream_keyed_by_order() {
        OutboundEvent reserved = codec.write(new StockReserved(order));
        assertThat(reserved.stream()).isEqualTo("inventory");
        assertThat(reserved.type()).isEqualTo("StockReserved");
        assertThat(reserved.key()).isEqualTo(order.toString());
        assertThat(reserved.payload()).isEqualTo("{\"orderId\":\"" + order + "\"}");

        OutboundEvent rejected = codec.write(new StockRejected(order, RejectionReason.OUT_OF_STOCK, List.of(product)));
        assertThat(rejected.type()).isEqualTo("StockRejected");
        assertThat(rejected.payload())
                .isEqualTo("{\"orderId\":\"" + order + "\",\"reason\":\"OUT_OF_STOCK\",\"productIds\":[\"" + product
                        + "\"]}");
    }
}
