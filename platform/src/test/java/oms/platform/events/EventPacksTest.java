package oms.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventPacksTest {

    private static OutboundEvent event(String stream, String type, String key) {
        return OutboundEvent.of(stream, type, key, "{\"orderId\":\"" + key + "\",\"n\":1}");
    }

    private static List<OutboundEvent> placements(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> event("orders", "OrderPlaced", UUID.randomUUID().toString()))
                .toList();
    }

    @Test
    void a_batch_of_one_stream_and_type_goes_in_rows_of_at_most_a_hundred_events() {
        List<OutboundEvent> events = placements(250);
        List<EventPacks.Row> rows = EventPacks.rows(events, key -> null);
        assertThat(rows).extracting(EventPacks.Row::events).containsExactly(100, 100, 50);
        assertThat(rows.getFirst().key()).isEqualTo(events.getFirst().key());
        assertThat(rows.getFirst().id())
                .isNotIn(events.stream().map(OutboundEvent::id).toList());
        // unpacked in order, every event with its own id, key and payload
        List<InboundEvent> unpacked = new ArrayList<>();
        for (EventPacks.Row row : rows) {
            unpacked.addAll(EventPacks.unpack("orders", "1-0", row.type(), row.payload(), null));
        }
        assertThat(unpacked).hasSize(250);
        for (int i = 0; i < 250; i++) {
            assertThat(unpacked.get(i).id()).isEqualTo(events.get(i).id());
            assertThat(unpacked.get(i).key()).isEqualTo(events.get(i).key());
            assertThat(unpacked.get(i).type()).isEqualTo("OrderPlaced");
            assertThat(unpacked.get(i).payload()).isEqualTo(events.get(i).payload());
        }
    }

    @Test
    void a_single_event_stays_a_plain_row() {
        OutboundEvent one = event("orders", "OrderConfirmed", "k");
        assertThat(EventPacks.rows(List.of(one), key -> null))
                .singleElement()
                .isEqualTo(new EventPacks.Row(one.id(), "orders", "OrderConfirmed", "k", one.payload(), null, 1));
    }

    @Test
    void only_consecutive_events_of_one_stream_type_and_trace_share_a_row_so_each_stream_keeps_its_order() {
        List<OutboundEvent> events = List.of(
                event("orders", "OrderConfirmed", "a"),
                event("orders", "OrderConfirmed", "b"),
                event("orders", "OrderShipped", "c"),
                event("orders", "OrderConfirmed", "d"),
                event("inventory", "OrderConfirmed", "e"),
                event("inventory", "OrderConfirmed", "f"),
                event("inventory", "OrderConfirmed", "g"));
        Map<String, String> traces = Map.of(
                "f", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "g", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        List<EventPacks.Row> rows = EventPacks.rows(events, traces::get);
        assertThat(rows).extracting(EventPacks.Row::key).containsExactly("a", "c", "d", "e", "f");
        assertThat(rows).extracting(EventPacks.Row::events).containsExactly(2, 1, 1, 1, 2);
        assertThat(rows.getLast().traceparent()).isEqualTo(traces.get("f"));
        assertThat(rows.get(3).traceparent()).isNull();
    }

    @Test
    void keys_are_escaped_and_come_back_as_they_were() {
        List<OutboundEvent> events = List.of(
                OutboundEvent.of("catalog", "ProductUpserted", "a\"b\\c\n", "{\"x\":\"\\\"\"}"),
                OutboundEvent.of("catalog", "ProductUpserted", "é ✓", "{}"));
        EventPacks.Row row = EventPacks.rows(events, key -> null).getFirst();
        assertThat(EventPacks.unpack("catalog", "1-0", row.type(), row.payload(), null))
                .extracting(InboundEvent::key, InboundEvent::payload)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a\"b\\c\n", "{\"x\":\"\\\"\"}"),
                        org.assertj.core.groups.Tuple.tuple("é ✓", "{}"));
    }

    @Test
    void a_malformed_pack_is_one_event_without_an_id_and_a_malformed_element_is_one_such_event_of_its_own() {
        assertThat(EventPacks.unpack("orders", "7-0", "OrderPlaced", "not json", null))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.id()).isNull();
                    assertThat(e.payload()).isEqualTo("not json");
                    assertThat(e.messageId()).isEqualTo("7-0");
                });
        assertThat(EventPacks.unpack("orders", "7-0", "OrderPlaced", "{\"id\":1}", null))
                .singleElement()
                .satisfies(e -> assertThat(e.id()).isNull());
        assertThat(EventPacks.unpack("orders", "7-0", "OrderPlaced", "[]", null))
                .singleElement()
                .satisfies(e -> assertThat(e.id()).isNull());
        UUID good = UUID.randomUUID();
        List<InboundEvent> events = EventPacks.unpack(
                "orders",
                "7-0",
                "OrderPlaced",
                "[{\"id\":\"" + good + "\",\"key\":\"k\",\"payload\":{\"a\":1}},"
                        + "{\"id\":\"nope\",\"key\":\"k2\",\"payload\":{}},"
                        + "{\"id\":\"" + UUID.randomUUID() + "\",\"key\":\"k3\",\"payload\":\"text\"}]",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(events).extracting(InboundEvent::id).containsExactly(good, null, null);
        assertThat(events.get(2).payload()).contains("\"text\"");
        assertThat(events).allSatisfy(e -> assertThat(e.traceparent()).startsWith("00-0af7"));
    }

    @Test
    void a_consumer_handles_at_most_500_events_in_one_transaction_and_never_splits_a_pack() {
        List<EventConsumer.Entry> entries = new ArrayList<>();
        for (int size : new int[] {100, 100, 100, 100, 1, 100, 99, 1}) {
            entries.add(new EventConsumer.Entry(
                    "m" + entries.size(),
                    IntStream.range(0, size)
                            .mapToObj(i -> new InboundEvent("orders", "m", UUID.randomUUID(), "T", "k", "{}"))
                            .toList()));
        }
        assertThat(EventConsumer.chunks(entries))
                .extracting(
                        chunk -> chunk.stream().mapToInt(e -> e.events().size()).sum())
                .containsExactly(401, 200);
        Map<String, String> body = Map.of(
                "id",
                UUID.randomUUID().toString(),
                "type",
                "OrderPlaced",
                "key",
                "k",
                "payload",
                EventPacks.rows(placements(3), key -> null).getFirst().payload(),
                EventPacks.COUNT_FIELD,
                "3");
        assertThat(EventConsumer.entry("orders", new StreamMessage<>("orders", "5-0", body))
                        .events())
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.messageId()).isEqualTo("5-0"));
    }
}
