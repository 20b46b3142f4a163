package oms.inventory.reservation;

import static oms.inventory.EventStreams.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.inventory.EventStreams;
import oms.platform.events.EventConsumer;
import oms.platform.events.EventConsumers;
import oms.platform.events.EventStore;
import oms.platform.events.InboundEvent;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestStreams;
import oms.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stock saga as inventory plays it, against real PostgreSQL and Redis: order events are added
 * to the {@code orders} stream as the orders service would, the running consumer handles them, and
 * the answers appear on the {@code inventory} stream.
 */
class ReservationIT extends SubgraphIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${oms.redis-url}")
    String redisUrl;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator tx;

    @Autowired
    ReservationHandler handler;

    @Autowired
    EventConsumers consumers;

    private EventStreams streams;
    private RedisCommands<String, String> redis;

    @BeforeEach
    void connect() {
        streams = new EventStreams(redisUrl);
        redis = streams.redis();
    }

    @AfterEach
    void disconnect() {
        streams.close();
    }

    @Test
    void an_order_whose_lines_all_fit_gets_every_line_reserved() {
        UUID mug = product(10);
        UUID lamp = product(3);
        UUID order = UUID.randomUUID();
        place(order, Map.of(mug, 4, lamp, 3));

        JsonNode answer = answer(order, "StockReserved");
        assertThat(answer.at("/orderId").asString()).isEqualTo(order.toString());
        assertStock(mug, 10, 4);
        assertStock(lamp, 3, 3);
        assertThat(held(order)).containsExactlyInAnyOrderEntriesOf(Map.of(mug, 4, lamp, 3));
    }

    @Test
    void an_order_with_one_line_short_of_stock_is_rejected_and_reserves_nothing() {
        UUID mug = product(10);
        UUID lamp = product(2);
        UUID order = UUID.randomUUID();
        place(order, Map.of(mug, 4, lamp, 3));

        JsonNode answer = answer(order, "StockRejected");
        assertThat(answer.at("/reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(answer.at("/productIds").toString()).isEqualTo("[\"" + lamp + "\"]");
        assertStock(mug, 10, 0);
        assertStock(lamp, 2, 0);
        assertThat(held(order)).isEmpty();
    }

    @Test
    void an_order_for_a_product_inventory_does_not_know_is_rejected() {
        UUID ghost = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        place(order, Map.of(product(5), 1, ghost, 1));

        JsonNode answer = answer(order, "StockRejected");
        assertThat(answer.at("/reason").asString()).isEqualTo("UNKNOWN_PRODUCT");
        assertThat(answer.at("/productIds/0").asString()).isEqualTo(ghost.toString());
    }

    @Test
    void two_batches_of_orders_racing_for_the_last_units_never_oversell() {
        UUID scarce = product(10);
        UUID plenty = product(12);
        // a second instance in the group, so the two batches are handled at the same time
        EventConsumer second = consumers.create(
                ReservationConsumerConfiguration.GROUP, List.of(ReservationConsumerConfiguration.STREAM), handler);
        second.start();
        List<UUID> orders = new ArrayList<>();
        try {
            // both instances are reading the stream (Redis lists a group member only once it was handed an entry)
            eventually()
                    .until(() -> redis.clientList()
                                    .lines()
                                    .filter(c -> c.contains("cmd=xreadgroup"))
                                    .count()
                            >= 2);
            for (int batch = 0; batch < 2; batch++) {
                redis.multi();
                for (int i = 0; i < 10; i++) {
                    UUID order = UUID.randomUUID();
                    orders.add(order);
                    place(order, Map.of(scarce, 1, plenty, 1));
                }
                redis.exec();
            }
            eventually().until(() -> orders.stream().allMatch(o -> !answers(o).isEmpty()));
        } finally {
            second.stop();
        }

        long reserved = orders.stream()
                .filter(o -> answers(o).getFirst().getBody().get("type").equals("StockReserved"))
                .count();
        assertThat(reserved).isEqualTo(10);
        assertThat(orders).allSatisfy(o -> assertThat(answers(o)).hasSize(1));
        assertStock(scarce, 10, 10);
        assertStock(plenty, 12, 10);
    }

    @Test
    void an_order_placed_again_is_reserved_once() {
        UUID mug = product(10);
        UUID order = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String payload = placement(order, Map.of(mug, 3));
        send(eventId, "OrderPlaced", order, payload);
        send(eventId, "OrderPlaced", order, payload);
        send(UUID.randomUUID(), "OrderPlaced", order, payload);
        allHandled();

        assertThat(answers(order)).hasSize(1);
        assertStock(mug, 10, 3);
        assertThat(held(order)).containsExactlyEntriesOf(Map.of(mug, 3));
    }

    @Test
    void cancelling_an_order_releases_its_reservation_for_good() {
        UUID mug = product(10);
        UUID order = UUID.randomUUID();
        place(order, Map.of(mug, 6));
        answer(order, "StockReserved");
        assertStock(mug, 10, 6);

        cancel(order);
        cancel(order);
        // a late copy of the placement must not reserve for a cancelled order
        place(order, Map.of(mug, 6));
        allHandled();

        assertStock(mug, 10, 0);
        assertThat(held(order)).isEmpty();
        assertThat(answers(order)).hasSize(1);
    }

    @Test
    void a_shipped_order_takes_its_reserved_units_out_of_the_warehouse() {
        UUID mug = product(10);
        UUID order = UUID.randomUUID();
        place(order, Map.of(mug, 3));
        answer(order, "StockReserved");

        send(UUID.randomUUID(), "OrderShipped", order, "{\"orderId\":\"" + order + "\"}");
        allHandled();

        assertStock(mug, 7, 0);
        assertThat(held(order)).isEmpty();
        JsonNode ledger = execute(
                        "query($id: ID!) { stockMovements(productId: $id, first: 1) "
                                + "{ edges { node { delta reason onHandAfter } } } }",
                        Map.of("id", mug.toString()))
                .at("/data/stockMovements/edges/0/node");
        assertThat(ledger.at("/delta").asInt()).isEqualTo(-3);
        assertThat(ledger.at("/reason").asString()).isEqualTo("Shipped with order " + order);
        assertThat(ledger.at("/onHandAfter").asInt()).isEqualTo(7);
    }

    @Test
    void a_poison_event_does_not_hold_up_the_events_after_it_and_staff_see_it_once_parked() {
        UUID poison = UUID.randomUUID();
        String messageId = send(poison, "OrderPlaced", UUID.randomUUID(), "not json");
        UUID order = UUID.randomUUID();
        place(order, Map.of(product(1), 1));
        answer(order, "StockReserved");
        // it failed and waits, unacknowledged, for the consumer's retries
        assertThat(redis.xpending("orders", "inventory", Range.create(messageId, messageId), Limit.from(1)))
                .singleElement()
                .satisfies(pending -> assertThat(pending.getRedeliveryCount()).isPositive());

        // what the consumer does after the 5th failed delivery; its retries are 30 s apart, too slow to wait for
        InboundEvent event = new InboundEvent("orders", messageId, poison, "OrderPlaced", "key", "not json");
        EventStore store = new EventStore(db, tx, handler);
        RuntimeException failure =
                catchThrowableOfType(RuntimeException.class, () -> store.handleOnce("inventory", List.of(event)));
        store.park("inventory", event, failure, 5);
        redis.xack("orders", "inventory", messageId);

        String query = "{ parkedEvents(first: 100) { consumer stream eventId type error deliveries parkedAt } }";
        JsonNode parked = null;
        for (JsonNode p : as(TestTokens.staff("warehouse")).execute(query).at("/data/parkedEvents")) {
            if (p.at("/eventId").asString().equals(poison.toString())) {
                parked = p;
            }
        }
        assertThat(parked).isNotNull();
        assertThat(parked.at("/consumer").asString()).isEqualTo("inventory");
        assertThat(parked.at("/stream").asString()).isEqualTo("orders");
        assertThat(parked.at("/type").asString()).isEqualTo("OrderPlaced");
        assertThat(parked.at("/deliveries").asInt()).isEqualTo(5);
        assertThat(parked.at("/error").asString()).isNotBlank();
        assertThat(parked.at("/parkedAt").asString()).isNotBlank();
        assertThat(code(as(TestTokens.staff("sales")).execute(query))).isEqualTo("FORBIDDEN");
        assertThat(code(anonymous().execute(query))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(execute("{ parkedEvents(first: 101) { eventId } }"))).isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
    }

    @Test
    void a_pack_of_placements_is_handled_event_by_event_when_one_of_them_is_poison() {
        UUID product = product(10);
        UUID first = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID last = UUID.randomUUID();
        UUID poisonEvent = UUID.randomUUID();
        String messageId = streams.sendPack(
                "orders",
                "OrderPlaced",
                List.of(
                        new TestStreams.PackedEvent(UUID.randomUUID(), first, placement(first, Map.of(product, 2))),
                        // valid JSON, but no lines: the contract's check throws
                        new TestStreams.PackedEvent(poisonEvent, poison, """
                                {"orderId":"%s","customerId":"%s","lines":[]}""".formatted(poison, UUID.randomUUID())),
                        new TestStreams.PackedEvent(UUID.randomUUID(), last, placement(last, Map.of(product, 3)))));

        // the pack's good events take effect although their batch failed
        answer(first, "StockReserved");
        answer(last, "StockReserved");
        assertStock(product, 10, 5);
        assertThat(answers(poison)).isEmpty();
        // the entry stays pending for the poison event's retries; the good ones are processed, once
        assertThat(redis.xpending("orders", "inventory", Range.create(messageId, messageId), Limit.from(1)))
                .singleElement()
                .satisfies(pending -> assertThat(pending.getRedeliveryCount()).isPositive());
        assertThat(db.sql("SELECT count(*) AS n FROM processed_events WHERE consumer = 'inventory' AND event_id = :id")
                        .bind("id", poisonEvent)
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .isZero();
        allHandled();
        assertStock(product, 10, 5);
        assertThat(answers(first)).hasSize(1);
        assertThat(answers(last)).hasSize(1);
    }

    private static String code(JsonNode result) {
        return result.at("/errors/0/extensions/code").asString();
    }

    private UUID product(int onHand) {
        String sku = "RSV-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        JsonNode payload = execute(
                        "mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } } }",
                        Map.of(
                                "i",
                                Map.of(
                                        "sku",
                                        sku,
                                        "name",
                                        "Reserved " + sku,
                                        "price",
                                        "5.00",
                                        "currency",
                                        "EUR",
                                        "initialStock",
                                        onHand)))
                .at("/data/createProduct/product/id");
        return UUID.fromString(payload.asString());
    }

    private String send(UUID eventId, String type, UUID orderId, String payload) {
        return streams.send("orders", eventId, type, orderId, payload);
    }

    private static String placement(UUID order, Map<UUID, Integer> lines) {
        List<Map<String, Object>> rows = new ArrayList<>();
        lines.forEach((product, quantity) -> rows.add(Map.of("productId", product, "quantity", quantity)));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", order);
        payload.put("customerId", UUID.randomUUID());
        payload.put("lines", rows);
        return JSON.writeValueAsString(payload);
    }

    private void place(UUID order, Map<UUID, Integer> lines) {
        send(UUID.randomUUID(), "OrderPlaced", order, placement(order, lines));
    }

    private void cancel(UUID order) {
        send(UUID.randomUUID(), "OrderCancelled", order, """
                {"orderId":"%s","customerId":"%s","previousStatus":"CONFIRMED"}""".formatted(order, UUID.randomUUID()));
    }

    /** Inventory's answers to one order, oldest first. */
    private List<StreamMessage<String, String>> answers(UUID order) {
        return streams.entries("inventory", order);
    }

    private JsonNode answer(UUID order, String type) {
        StreamMessage<String, String> answer = streams.awaitFirst("inventory", order);
        assertThat(answer.getBody().get("type")).isEqualTo(type);
        return JSON.readTree(answer.getBody().get("payload"));
    }

    /**
     * Waits until everything sent so far is handled: one consumer handles the stream in order, so
     * once a placement sent now is answered, the events before it have taken effect.
     */
    private void allHandled() {
        UUID marker = UUID.randomUUID();
        place(marker, Map.of(UUID.randomUUID(), 1));
        answer(marker, "StockRejected");
    }

    private void assertStock(UUID product, int onHand, int reserved) {
        JsonNode stock = execute(
                        "query($id: ID!) { product(id: $id) { stock { onHand reserved available } } }",
                        Map.of("id", product.toString()))
                .at("/data/product/stock");
        assertThat(stock.at("/onHand").asInt()).as("on hand").isEqualTo(onHand);
        assertThat(stock.at("/reserved").asInt()).as("reserved").isEqualTo(reserved);
        assertThat(stock.at("/available").asInt()).as("available").isEqualTo(onHand - reserved);
        assertThat(heldUnits(product)).as("reserved units in reservations").isEqualTo(reserved);
    }

    private Map<UUID, Integer> held(UUID order) {
        return db.sql("SELECT product_id, quantity FROM reservations WHERE order_id = :order")
                .bind("order", order)
                .map(row -> Map.entry(row.get("product_id", UUID.class), row.get("quantity", Integer.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
    }

    private int heldUnits(UUID product) {
        return db.sql(
                        "SELECT coalesce(sum(quantity), 0)::integer AS units FROM reservations WHERE product_id = :product")
                .bind("product", product)
                .map(row -> row.get("units", Integer.class))
                .one()
                .block();
    }
}
