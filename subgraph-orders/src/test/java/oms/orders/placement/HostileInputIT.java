package oms.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** What a hostile signed-in customer sends to the orders service: refused with a code, nothing written, still alive. */
class HostileInputIT extends SubgraphIT {

    private static final String CREATE = """
            mutation($input: CreateOrderInput!) { createOrder(input: $input) {
              order { id lines { quantity } } userErrors { code field message } } }""";

    @Value("${oms.redis-url}")
    String redisUrl;

    private SagaStreams streams;
    private final UUID lamp = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();
    private final String sku =
            "HST-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @BeforeEach
    void replicas() {
        streams = new SagaStreams(redisUrl);
        streams.product(lamp, sku, "19.90", true);
        streams.customer(customer, "ACTIVE");
        SagaStreams.await(
                () -> create(item("productId", lamp.toString(), 1))
                        .at("/data/createOrder/order/id")
                        .isString(),
                "the replicas");
    }

    @AfterEach
    void close() {
        streams.close();
    }

    private JsonNode create(Map<String, Object> item) {
        return create(List.of(item), address(), null);
    }

    private JsonNode create(List<Map<String, Object>> items, Map<String, Object> address, String key) {
        Map<String, Object> input =
                new HashMap<>(Map.of("items", items, "shippingAddress", address, "paymentMethod", "CARD"));
        if (key != null) {
            input.put("idempotencyKey", key);
        }
        return as(TestTokens.customer(customer)).execute(CREATE, Map.of("input", input));
    }

    private static Map<String, Object> item(String by, String product, int quantity) {
        return new HashMap<>(Map.of(by, product, "quantity", quantity));
    }

    private static Map<String, Object> address() {
        return new HashMap<>(
                Map.of("line1", "1 Main Street", "city", "Berlin", "postalCode", "10115", "country", "DE"));
    }

    private int myOrders() {
        return as(TestTokens.customer(customer))
                .execute("{ orders(first: 100) { edges { cursor } } }")
                .at("/data/orders/edges")
                .size();
    }

    private static String code(JsonNode response) {
        return response.at("/errors/0/extensions/code").asString();
    }

    @Test
    void an_exponent_price_is_refused_by_the_scalar_and_the_service_lives_on() {
        int before = myOrders();
        for (Object price : List.of(
                "1E+999999999",
                "1e-999999999",
                "NaN",
                "Infinity",
                "-Infinity",
                "1E+20",
                "0.001",
                "1234567890123.00",
                "12,50",
                "",
                "9".repeat(5000))) {
            Map<String, Object> item = item("productId", lamp.toString(), 1);
            item.put("unitPrice", price);
            JsonNode response = create(item);
            assertThat(code(response)).as("unitPrice %s: %s", price, response).isEqualTo("INVALID_ARGUMENT");
        }
        JsonNode literal = as(TestTokens.customer(customer)).execute("""
                mutation { createOrder(input: { items: [{ sku: "%s", quantity: 1, unitPrice: 1E+999999999 }],
                  shippingAddress: { line1: "1", city: "B", postalCode: "1", country: "DE" }, paymentMethod: CARD }) {
                  order { id } } }""".formatted(sku));
        assertThat(code(literal)).as(literal.toString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(myOrders()).isEqualTo(before);
        Map<String, Object> fine = item("productId", lamp.toString(), 1);
        fine.put("unitPrice", "19.9");
        assertThat(create(fine).at("/data/createOrder/order/id").isString()).isTrue();
    }

    @Test
    void oversized_text_control_characters_and_long_keys_are_refused_before_anything_is_written() {
        int before = myOrders();
        Map<String, Object> longName = address();
        longName.put("name", "x".repeat(100_000));
        Map<String, Object> nul = address();
        nul.put("line1", "1 Main\u0000Street");
        List<Map<String, Object>> items = List.of(item("productId", lamp.toString(), 1));
        List<String> codes = new ArrayList<>();
        for (JsonNode response : List.of(
                create(items, longName, null),
                create(items, nul, null),
                create(items, address(), "k".repeat(10_000)))) {
            codes.add(code(response) + " " + response.at("/errors/0/extensions/field"));
            // classified by its code, not as graphql-java's default (which reached clients as errorType UNAVAILABLE)
            assertThat(response.at("/errors/0/extensions/classification").asString())
                    .isEqualTo(code(response));
            assertThat(response.at("/errors/0/extensions/errorType").isMissingNode())
                    .isTrue();
        }
        assertThat(codes)
                .containsExactly(
                        "INVALID_ARGUMENT [\"input\",\"shippingAddress\",\"name\"]",
                        "INVALID_ARGUMENT [\"input\",\"shippingAddress\",\"line1\"]",
                        "INVALID_ARGUMENT [\"input\",\"idempotencyKey\"]");
        // an unpaired surrogate, escaped in the document itself (JSON encoders replace it in variables)
        JsonNode brokenUnicode = as(TestTokens.customer(customer)).execute("""
                mutation { createOrder(input: { items: [{ sku: "%s", quantity: 1 }], paymentMethod: CARD,
                  shippingAddress: { line1: "1", city: "Berlin\\uD800", postalCode: "1", country: "DE" } }) {
                  order { id } } }""".formatted(sku));
        assertThat(code(brokenUnicode)).isEqualTo("GRAPHQL_PARSE_FAILED");
        JsonNode cancel = as(TestTokens.customer(customer))
                .execute(
                        "mutation($r: String) { cancelOrder(input: { orderId: \"%s\", reason: $r }) { order { id } } }"
                                .formatted(UUID.randomUUID()),
                        Map.of("r", "r".repeat(2001)));
        assertThat(code(cancel)).isEqualTo("INVALID_ARGUMENT");
        assertThat(myOrders()).isEqualTo(before);
    }

    @Test
    void an_order_names_each_product_once_however_it_is_named() {
        JsonNode response = create(
                List.of(
                        item("sku", sku, 10_000),
                        item("sku", sku.toLowerCase(), 10_000),
                        item("productId", lamp.toString(), 10_000)),
                address(),
                null);
        List<String> problems = new ArrayList<>();
        response.at("/data/createOrder/userErrors")
                .forEach(e -> problems.add(e.at("/code").asString() + " " + e.at("/field")));
        assertThat(problems)
                .containsExactly(
                        "DUPLICATE_ITEM [\"input\",\"items\",\"1\"]", "DUPLICATE_ITEM [\"input\",\"items\",\"2\"]");
        assertThat(response.at("/data/createOrder/order").isNull()).isTrue();
    }

    @Test
    void lists_longer_than_the_schema_allows_and_unparsable_filters_are_refused() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            items.add(item("productId", UUID.randomUUID().toString(), 1));
        }
        assertThat(code(create(items, address(), null))).isEqualTo("LIMIT_EXCEEDED");
        JsonNode badTime = graphql()
                .execute(
                        "query($f: DateTime) { orders(filter: { placedFrom: $f }) { edges { cursor } } }",
                        Map.of("f", "yesterday"));
        assertThat(code(badTime)).as(badTime.toString()).isEqualTo("INVALID_ARGUMENT");
        JsonNode badPayment = graphql()
                .execute("mutation { recordPayment(input: { orderId: \"%s\", amount: \"1E+20\" }) { order { id } } }"
                        .formatted(UUID.randomUUID()));
        assertThat(code(badPayment)).as(badPayment.toString()).isEqualTo("INVALID_ARGUMENT");
    }
}
