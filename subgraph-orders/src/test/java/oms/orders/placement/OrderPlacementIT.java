package oms.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

class OrderPlacementIT extends SubgraphIT {

    private static final String CREATE = """
            mutation($input: CreateOrderInput!) { createOrder(input: $input) {
              order { id number status paymentStatus version totals { subtotal { amount } itemCount }
                      lines { sku quantity unitPrice { amount } } statusHistory { version to actor } }
              userErrors { code field message } } }""";
    private static final String CREATE_MANY = """
            mutation($input: CreateOrdersInput!) { createOrders(input: $input) {
              acceptedCount rejectedCount userErrors { code field }
              results { index order { id status } userErrors { code field } } } }""";

    @Value("${oms.redis-url}")
    String redisUrl;

    private SagaStreams streams;
    private final UUID lamp = UUID.randomUUID();
    private final UUID mug = UUID.randomUUID();
    private final UUID retired = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();
    private final UUID blocked = UUID.randomUUID();
    private final String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @BeforeEach
    void replicas() {
        streams = new SagaStreams(redisUrl);
        sales = as(TestTokens.staff("sales"));
        streams.product(lamp, "LMP-" + suffix, "19.90", true);
        streams.product(mug, "MUG-" + suffix, "7.50", true);
        streams.product(retired, "OLD-" + suffix, "5.00", false);
        streams.customer(customer, "ACTIVE");
        streams.customer(blocked, "BLOCKED");
        SagaStreams.await(
                () -> !orderFor(customer, Map.of("productId", mug.toString(), "quantity", 1), "probe-" + suffix)
                        .at("/order/id")
                        .isMissingNode(),
                "the replicas");
    }

    @AfterEach
    void close() {
        streams.close();
    }

    /** One signed-in sales account: idempotency keys belong to the account that used them. */
    private GraphQlClient sales;

    private GraphQlClient me() {
        return as(TestTokens.customer(customer));
    }

    private static Map<String, Object> address() {
        return Map.of(
                "name",
                "Ann Example",
                "line1",
                "1 Main Street",
                "city",
                "Berlin",
                "postalCode",
                "10115",
                "country",
                "DE");
    }

    private static Map<String, Object> order(UUID customerId, List<Map<String, Object>> items, String key) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of(
                "customerId",
                customerId.toString(),
                "items",
                items,
                "shippingAddress",
                address(),
                "paymentMethod",
                "CARD"));
        if (key != null) {
            input.put("idempotencyKey", key);
        }
        return input;
    }

    private JsonNode orderFor(UUID customerId, Map<String, Object> item, String key) {
        return sales.execute(CREATE, Map.of("input", order(customerId, List.of(item), key)))
                .at("/data/createOrder");
    }

    @Test
    void a_customer_places_an_order_that_starts_pending_with_its_history_and_an_event() {
        JsonNode result = me().execute(
                        CREATE,
                        Map.of(
                                "input",
                                Map.of(
                                        "items",
                                        List.of(
                                                Map.of(
                                                        "productId",
                                                        lamp.toString(),
                                                        "quantity",
                                                        2,
                                                        "unitPrice",
                                                        "19.90"),
                                                Map.of("sku", "mug-" + suffix.toLowerCase(), "quantity", 3)),
                                        "shippingAddress",
                                        address(),
                                        "paymentMethod",
                                        "PAYPAL")))
                .at("/data/createOrder");
        assertThat(result.at("/userErrors").size()).as(result.toString()).isZero();
        JsonNode order = result.at("/order");
        assertThat(order.at("/status").asString()).isEqualTo("PENDING");
        assertThat(order.at("/paymentStatus").asString()).isEqualTo("PENDING");
        assertThat(order.at("/version").asInt()).isEqualTo(1);
        assertThat(new java.math.BigDecimal(order.at("/totals/subtotal/amount").asString()))
                .isEqualByComparingTo("62.30");
        assertThat(order.at("/totals/itemCount").asInt()).isEqualTo(5);
        assertThat(order.at("/statusHistory/0/actor").asString()).isEqualTo("customer:" + customer);
        String id = order.at("/id").asString();
        assertThat(UUID.fromString(id).version())
                .as("a time-ordered id (TimeOrderedIds), so the indexes keyed by it grow at one edge")
                .isEqualTo(7);
        SagaStreams.await(() -> !streams.entries("orders", "OrderPlaced", id).isEmpty(), "OrderPlaced");
    }

    @Test
    void every_bad_input_is_a_user_error_with_its_field_and_nothing_is_written() {
        JsonNode result = graphql()
                .execute(
                        CREATE,
                        Map.of(
                                "input",
                                Map.of(
                                        "customerId",
                                        blocked.toString(),
                                        "items",
                                        List.of(
                                                Map.of("productId", retired.toString(), "quantity", 1),
                                                Map.of("productId", lamp.toString(), "quantity", 0),
                                                Map.of(
                                                        "productId",
                                                        mug.toString(),
                                                        "quantity",
                                                        1,
                                                        "unitPrice",
                                                        "1.00")),
                                        "shippingAddress",
                                        Map.of("line1", "x", "city", "y", "postalCode", "1", "country", "ZZ"),
                                        "paymentMethod",
                                        "CARD")))
                .at("/data/createOrder");
        assertThat(result.at("/order").isNull()).isTrue();
        List<String> codes = new ArrayList<>();
        result.at("/userErrors")
                .forEach(e -> codes.add(
                        e.at("/code").asString() + " " + e.at("/field").toString()));
        assertThat(codes)
                .containsExactlyInAnyOrder(
                        "CUSTOMER_NOT_ALLOWED [\"input\",\"customerId\"]",
                        "PRODUCT_UNAVAILABLE [\"input\",\"items\",\"0\",\"productId\"]",
                        "INVALID_ARGUMENT [\"input\",\"items\",\"1\",\"quantity\"]",
                        "PRICE_MISMATCH [\"input\",\"items\",\"2\",\"unitPrice\"]",
                        "INVALID_ARGUMENT [\"input\",\"shippingAddress\",\"country\"]");
        assertThat(graphql()
                        .execute(
                                "query($c: ID!) { orders(filter: {customerId: $c}) { edges { cursor } } }",
                                Map.of("c", blocked.toString()))
                        .at("/data/orders/edges")
                        .size())
                .isZero();
    }

    @Test
    void a_per_order_batch_creates_the_valid_orders_and_reports_the_others_in_input_order() {
        List<Map<String, Object>> orders = List.of(
                order(customer, List.of(Map.of("productId", lamp.toString(), "quantity", 1)), null),
                order(customer, List.of(Map.of("productId", retired.toString(), "quantity", 1)), null),
                order(customer, List.of(Map.of("productId", mug.toString(), "quantity", 4)), null));
        JsonNode payload = graphql()
                .execute(CREATE_MANY, Map.of("input", Map.of("orders", orders)))
                .at("/data/createOrders");
        assertThat(payload.at("/acceptedCount").asInt()).isEqualTo(2);
        assertThat(payload.at("/rejectedCount").asInt()).isEqualTo(1);
        assertThat(payload.at("/results/0/order/status").asString()).isEqualTo("PENDING");
        assertThat(payload.at("/results/1/order").isNull()).isTrue();
        assertThat(payload.at("/results/1/userErrors/0/field").toString())
                .isEqualTo("[\"input\",\"orders\",\"1\",\"items\",\"0\",\"productId\"]");
        assertThat(payload.at("/results/2/index").asInt()).isEqualTo(2);
    }

    @Test
    void an_all_or_nothing_batch_with_one_bad_order_creates_none() {
        UUID fresh = UUID.randomUUID();
        streams.customer(fresh, "ACTIVE");
        SagaStreams.await(
                () -> !orderFor(fresh, Map.of("productId", mug.toString(), "quantity", 1), "probe-" + fresh)
                        .at("/order/id")
                        .isMissingNode(),
                "replica");
        List<Map<String, Object>> orders = List.of(
                order(fresh, List.of(Map.of("productId", lamp.toString(), "quantity", 1)), null),
                order(fresh, List.of(Map.of("productId", lamp.toString(), "quantity", -1)), null));
        JsonNode payload = graphql()
                .execute(CREATE_MANY, Map.of("input", Map.of("orders", orders, "errorPolicy", "ALL_OR_NOTHING")))
                .at("/data/createOrders");
        assertThat(payload.at("/acceptedCount").asInt()).isZero();
        assertThat(payload.at("/results/0/userErrors/0/code").asString()).isEqualTo("BATCH_ABORTED");
        assertThat(payload.at("/results/1/userErrors/0/code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(graphql()
                        .execute(
                                "query($c: ID!) { orders(filter: {customerId: $c}) { edges { cursor } } }",
                                Map.of("c", fresh.toString()))
                        .at("/data/orders/edges")
                        .size())
                .isEqualTo(1); // the probe only
    }

    @Test
    void a_retried_batch_returns_the_original_orders_and_creates_nothing_new_even_concurrently() throws Exception {
        String key = "batch-" + UUID.randomUUID();
        Map<String, Object> input = Map.of(
                "idempotencyKey",
                key,
                "orders",
                List.of(
                        order(customer, List.of(Map.of("productId", lamp.toString(), "quantity", 1)), null),
                        order(customer, List.of(Map.of("productId", mug.toString(), "quantity", 2)), null)));
        List<CompletableFuture<JsonNode>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> sales.execute(CREATE_MANY, Map.of("input", input))));
        }
        List<String> firstIds = null;
        for (CompletableFuture<JsonNode> run : runs) {
            JsonNode payload = run.get().at("/data/createOrders");
            List<String> ids = new ArrayList<>();
            payload.at("/results").forEach(r -> ids.add(r.at("/order/id").asString()));
            assertThat(ids).hasSize(2).doesNotContain("");
            if (firstIds == null) {
                firstIds = ids;
            }
            assertThat(ids).isEqualTo(firstIds);
        }
        JsonNode reused = sales.execute(
                        CREATE_MANY,
                        Map.of(
                                "input",
                                Map.of(
                                        "idempotencyKey",
                                        key,
                                        "orders",
                                        List.of(order(
                                                customer,
                                                List.of(Map.of("productId", lamp.toString(), "quantity", 9)),
                                                null)))))
                .at("/data/createOrders");
        assertThat(reused.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void an_order_key_makes_a_retry_return_the_same_order() {
        String key = "order-" + UUID.randomUUID();
        String first = orderFor(customer, Map.of("productId", lamp.toString(), "quantity", 1), key)
                .at("/order/id")
                .asString();
        String second = orderFor(customer, Map.of("productId", lamp.toString(), "quantity", 1), key)
                .at("/order/id")
                .asString();
        assertThat(second).isEqualTo(first);
        JsonNode other = orderFor(customer, Map.of("productId", lamp.toString(), "quantity", 2), key);
        assertThat(other.at("/userErrors/0/code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void customers_order_only_for_themselves_and_the_warehouse_not_at_all() {
        JsonNode forOther = me().execute(
                        CREATE,
                        Map.of(
                                "input",
                                order(blocked, List.of(Map.of("productId", lamp.toString(), "quantity", 1)), null)));
        assertThat(forOther.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
        JsonNode warehouse = as(TestTokens.staff("warehouse"))
                .execute(
                        CREATE,
                        Map.of(
                                "input",
                                order(customer, List.of(Map.of("productId", lamp.toString(), "quantity", 1)), null)));
        assertThat(warehouse.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void a_customer_whose_token_has_no_customer_id_yet_orders_through_the_account_link() {
        UUID linked = UUID.randomUUID();
        String subject = UUID.randomUUID().toString();
        streams.linkedCustomer(linked, subject);
        GraphQlClient carol =
                as(TestTokens.builder().subject(subject).roles("customer").build());
        SagaStreams.await(
                () -> {
                    JsonNode r = carol.execute(
                            CREATE,
                            Map.of(
                                    "input",
                                    Map.of(
                                            "items",
                                            List.of(Map.of("productId", lamp.toString(), "quantity", 1)),
                                            "shippingAddress",
                                            address(),
                                            "paymentMethod",
                                            "CARD")));
                    return !r.at("/data/createOrder/order/id").isMissingNode()
                            && !r.at("/data/createOrder/order/id").isNull();
                },
                "the linked account to order");
        JsonNode mine = carol.execute("{ orders(first: 5) { edges { node { customer { id } } } } }");
        assertThat(mine.at("/data/orders/edges/0/node/customer/id").asString()).isEqualTo(linked.toString());
    }
}
