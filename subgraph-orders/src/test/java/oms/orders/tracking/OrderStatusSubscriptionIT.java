package oms.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import oms.orders.OrdersApplication;
import oms.orders.placement.SagaStreams;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LiveConnection;
import oms.testsupport.LiveSubscription;
import oms.testsupport.SseSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

/** Order-status subscriptions over graphql-transport-ws and SSE, against real Postgres and Redis. */
class OrderStatusSubscriptionIT extends SubgraphIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EVENT = "cursor orderId number previousStatus status version at actor reason";

    @Value("${oms.redis-url}")
    String redisUrl;

    @Autowired
    Environment environment;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    private SagaStreams streams;
    private final UUID product = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();
    private final UUID otherCustomer = UUID.randomUUID();
    private GraphQlClient me;

    @BeforeEach
    void replicas() {
        streams = new SagaStreams(redisUrl);
        streams.product(product, "SUB-" + product.toString().substring(0, 6).toUpperCase(), "5.00", true);
        streams.customer(customer, "ACTIVE");
        streams.customer(otherCustomer, "ACTIVE");
        me = as(TestTokens.customer(customer));
        SagaStreams.await(
                () -> place(me) != null && place(as(TestTokens.customer(otherCustomer))) != null, "the replicas");
    }

    @AfterEach
    void close() {
        streams.close();
    }

    private URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/subscriptions");
    }

    private URI http() {
        return URI.create("http://127.0.0.1:" + port + "/graphql");
    }

    private String place(GraphQlClient client) {
        JsonNode created = client.execute("""
                mutation($p: ID!) { createOrder(input: {items: [{productId: $p, quantity: 1}], paymentMethod: CARD,
                  shippingAddress: {line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE"}})
                  { order { id } } }""", Map.of("p", product.toString()));
        JsonNode id = created.at("/data/createOrder/order/id");
        return id.isMissingNode() || id.isNull() ? null : id.asString();
    }

    private String placeMine() {
        return place(me);
    }

    private void reserve(String orderId) {
        streams.publish("inventory", "StockReserved", orderId, "{\"orderId\":\"" + orderId + "\"}");
    }

    @Test
    void a_customer_follows_an_order_over_websocket_from_its_first_version() {
        String id = placeMine();
        try (LiveConnection connection = LiveConnection.open(ws(), TestTokens.customer(customer));
                LiveSubscription sub = connection.subscribe(
                        "subscription($id: ID!) { orderStatusChanged(orderId: $id, " + "afterVersion: 0) { " + EVENT
                                + " order { id status version } } }",
                        Map.of("id", id))) {
            JsonNode placed = sub.next(WAIT);
            assertThat(placed).as("replayed first version").isNotNull();
            assertThat(placed.at("/data/orderStatusChanged/status").asString()).isEqualTo("PENDING");
            assertThat(placed.at("/data/orderStatusChanged/previousStatus").isNull())
                    .isTrue();
            assertThat(placed.at("/data/orderStatusChanged/version").asInt()).isEqualTo(1);
            assertThat(placed.at("/data/orderStatusChanged/number").asString()).startsWith("ORD-");

            reserve(id);
            JsonNode confirmed = sub.next(WAIT);
            assertThat(confirmed).as("live change").isNotNull();
            JsonNode event = confirmed.at("/data/orderStatusChanged");
            assertThat(event.at("/status").asString()).isEqualTo("CONFIRMED");
            assertThat(event.at("/previousStatus").asString()).isEqualTo("PENDING");
            assertThat(event.at("/version").asInt()).isEqualTo(2);
            assertThat(event.at("/actor").asString()).isEqualTo("inventory");
            assertThat(event.at("/orderId").asString()).isEqualTo(id);
            assertThat(event.at("/order/status").asString()).isEqualTo("CONFIRMED");
            assertThat(Long.parseLong(event.at("/cursor").asString()))
                    .isGreaterThan(Long.parseLong(
                            placed.at("/data/orderStatusChanged/cursor").asString()));
        }
    }

    @Test
    void the_customers_own_orders_arrive_over_sse_including_new_ones() {
        awaitOpenSubscriptions(meters, 0);
        LiveSubscription sub = SseSubscription.open(
                http(),
                TestTokens.customer(customer),
                "subscription { myOrderStatusChanges { " + EVENT + " } }",
                Map.of());
        try (sub) {
            awaitOpenSubscriptions(meters, 1);
            String id = placeMine();
            place(as(TestTokens.customer(otherCustomer))); // not theirs: never delivered
            reserve(id);
            List<JsonNode> got = sub.until(list -> list.size() >= 2, WAIT);
            assertThat(got)
                    .extracting(r -> r.at("/data/myOrderStatusChanges/status").asString())
                    .containsExactly("PENDING", "CONFIRMED");
            assertThat(got)
                    .allMatch(r -> r.at("/data/myOrderStatusChanges/orderId")
                            .asString()
                            .equals(id));
            assertThat(sub.next(Duration.ofMillis(500)))
                    .as("nothing of the other customer")
                    .isNull();
        }
    }

    @Test
    void another_customers_order_gives_nothing_but_an_error() {
        String theirs = place(as(TestTokens.customer(otherCustomer)));
        try (LiveConnection connection = LiveConnection.open(ws(), TestTokens.customer(customer));
                LiveSubscription sub = connection.subscribe(
                        "subscription($id: ID!) { orderStatusChanged(orderId: $id, " + "afterVersion: 0) { status } }",
                        Map.of("id", theirs))) {
            assertThat(sub.awaitEnd(WAIT)).isTrue();
            assertThat(sub.errors().toString()).contains("NOT_FOUND");
            assertThat(sub.next(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void staff_only_for_the_all_orders_feed_and_a_token_is_required() {
        try (LiveConnection connection = LiveConnection.open(ws(), TestTokens.customer(customer));
                LiveSubscription sub =
                        connection.subscribe("subscription { orderStatusChanges { status } }", Map.of())) {
            assertThat(sub.awaitEnd(WAIT)).isTrue();
            assertThat(sub.errors().toString()).contains("FORBIDDEN");
        }
        try (LiveConnection connection = LiveConnection.open(ws(), null);
                LiveSubscription sub =
                        connection.subscribe("subscription { myOrderStatusChanges { status } }", Map.of())) {
            assertThat(sub.awaitEnd(WAIT)).isTrue();
            assertThat(sub.errors().toString()).contains("UNAUTHENTICATED");
        }
        LiveSubscription sse =
                SseSubscription.open(http(), null, "subscription { myOrderStatusChanges { status } }", Map.of());
        assertThat(sse.awaitEnd(WAIT)).isTrue();
        assertThat(sse.errors().toString()).contains("UNAUTHENTICATED");
    }

    @Test
    void bad_arguments_end_the_subscription_with_stable_codes() {
        try (LiveConnection connection = LiveConnection.open(ws(), TestTokens.staff("sales"))) {
            assertEndsWith(
                    connection,
                    "subscription { orderStatusChanged(orderId: \"nope\") { status } }",
                    "INVALID_ARGUMENT");
            assertEndsWith(
                    connection,
                    "subscription { orderStatusChanged(orderId: \"" + UUID.randomUUID()
                            + "\", afterVersion: -1) { status } }",
                    "INVALID_ARGUMENT");
            assertEndsWith(
                    connection,
                    "subscription { orderStatusChanged(orderId: \"" + UUID.randomUUID() + "\") { status } }",
                    "NOT_FOUND");
            assertEndsWith(
                    connection,
                    "subscription { orderStatusChanges(after: \"not-a-cursor\") { status } }",
                    "INVALID_CURSOR");
            assertEndsWith(
                    connection,
                    "subscription { orderStatusChanges(filter: {customerId: \"x\"}) { status } }",
                    "INVALID_ARGUMENT");
        }
    }

    private static void assertEndsWith(LiveConnection connection, String query, String code) {
        try (LiveSubscription sub = connection.subscribe(query, Map.of())) {
            assertThat(sub.awaitEnd(WAIT)).as(query).isTrue();
            assertThat(sub.errors().toString()).as(query).contains(code);
        }
    }

    @Test
    void a_bad_token_in_connection_init_closes_the_connection() {
        String forged = TestTokens.builder().roles("admin").signedByStranger().build();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> LiveConnection.open(ws(), forged)))
                .hasMessageContaining("4401");
    }

    @Test
    void the_subscription_ends_when_its_token_expires() {
        // long enough to connect and subscribe on a slow machine; the end is then awaited generously
        String shortLived = TestTokens.builder()
                .roles("customer")
                .customerId(customer)
                .expiresInSeconds(8)
                .build();
        try (LiveConnection connection = LiveConnection.open(ws(), shortLived);
                LiveSubscription sub =
                        connection.subscribe("subscription { myOrderStatusChanges { status } }", Map.of())) {
            assertThat(sub.awaitEnd(WAIT)).isTrue();
            assertThat(sub.errors().toString()).contains("TOKEN_EXPIRED");
        }
    }

    @Test
    void a_dropped_subscriber_resumes_from_its_last_cursor_without_gaps_or_duplicates() {
        UUID buyer = UUID.randomUUID();
        streams.customer(buyer, "ACTIVE");
        SagaStreams.await(() -> place(as(TestTokens.customer(buyer))) != null, "the new customer's replica");
        String staff = TestTokens.staff("sales");
        String query =
                "subscription($c: ID!, $after: String) { orderStatusChanges(filter: {customerId: $c}, after: $after) { "
                        + "cursor orderId version status } }";
        List<JsonNode> seen = new ArrayList<>();
        LiveConnection first = LiveConnection.open(ws(), staff);
        // from cursor 0: what happens before the subscription is registered is replayed, not missed
        LiveSubscription sub = first.subscribe(query, Map.of("c", buyer.toString(), "after", "0"));

        // 250 orders placed and then confirmed: 500 status changes while the subscriber comes and goes
        // 249 more orders placed, then all 250 confirmed: 500 status changes in all, made while the
        // subscriber comes and goes (the first order's PENDING is older than the subscription: replayed)
        Thread producer = Thread.ofVirtual().start(() -> {
            List<String> ids = new ArrayList<>(placeBatch(buyer, 49));
            for (int batch = 0; batch < 4; batch++) {
                ids.addAll(placeBatch(buyer, 50));
            }
            ids.addAll(idsOf(buyer));
            ids.stream().distinct().forEach(this::reserve);
        });
        seen.addAll(sub.until(list -> list.size() >= 120, WAIT));
        first.close(); // dropped mid-stream
        String last = seen.getLast().at("/data/orderStatusChanges/cursor").asString();
        try (LiveConnection second = LiveConnection.open(ws(), staff);
                LiveSubscription resumed = second.subscribe(query, Map.of("c", buyer.toString(), "after", last))) {
            seen.addAll(resumed.until(list -> seen.size() + list.size() >= 500, Duration.ofSeconds(60)));
            try {
                producer.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(resumed.next(Duration.ofMillis(500)))
                    .as("nothing beyond the 500 changes")
                    .isNull();
        }
        List<String> received = seen.stream()
                .map(r -> r.at("/data/orderStatusChanges"))
                .map(e -> e.at("/orderId").asString() + "@" + e.at("/version").asInt() + ":"
                        + e.at("/status").asString())
                .toList();
        List<String> inDatabase = db.sql("""
                        SELECT h.order_id, h.version, h.to_status FROM order_status_history h JOIN orders o ON o.id = h.order_id
                        WHERE o.customer_id = :c ORDER BY h.seq""")
                .bind("c", buyer)
                .map(r -> r.get(0, UUID.class) + "@" + r.get(1, Integer.class) + ":" + r.get(2, String.class))
                .all()
                .collectList()
                .block();
        assertThat(inDatabase).hasSize(500);
        assertThat(received).containsExactlyElementsOf(inDatabase);
    }

    @Test
    void a_change_made_through_one_instance_reaches_a_subscriber_of_another() {
        // instance B: same database and Redis, its own port; its feed check is off, so only pub/sub can deliver
        List<String> settings = new ArrayList<>(List.of(
                "server.port=0",
                "oms.redis-url=" + redisUrl,
                "oms.security.issuer=" + TestTokens.ISSUER,
                "oms.security.audience=" + TestTokens.AUDIENCE,
                "oms.security.public-key=" + TestTokens.publicKey(),
                "oms.subscriptions.poll-interval=1h",
                "oms.security.hmac-secret=" + TestTokens.HMAC_SECRET,
                "management.server.port=0"));
        for (String name : List.of(
                "spring.r2dbc.url",
                "spring.r2dbc.username",
                "spring.r2dbc.password",
                "spring.flyway.url",
                "spring.flyway.user",
                "spring.flyway.password")) {
            settings.add(name + "=" + environment.getProperty(name));
        }
        try (ConfigurableApplicationContext b = new SpringApplicationBuilder(OrdersApplication.class)
                .run(settings.stream().map(s -> "--" + s).toArray(String[]::new))) {
            int portB = Integer.parseInt(b.getEnvironment().getProperty("local.server.port"));
            String id = placeMine();
            try (LiveConnection connection = LiveConnection.open(
                            URI.create("ws://127.0.0.1:" + portB + "/subscriptions"), TestTokens.customer(customer));
                    LiveSubscription sub = connection.subscribe(
                            "subscription($id: ID!) { orderStatusChanged(orderId: $id) " + "{ status reason } }",
                            Map.of("id", id))) {
                awaitOpenSubscriptions(b.getBean(MeterRegistry.class), 1);
                JsonNode cancelled = me.execute(
                        "mutation($id: ID!) { cancelOrder(input: {orderId: $id, reason: \"changed my mind\"}) "
                                + "{ order { status } userErrors { code } } }",
                        Map.of("id", id)); // through instance A
                assertThat(cancelled.at("/data/cancelOrder/order/status").asString())
                        .isEqualTo("CANCELLED");
                JsonNode event = sub.next(WAIT);
                assertThat(event).as("event on instance B").isNotNull();
                assertThat(event.at("/data/orderStatusChanged/status").asString())
                        .isEqualTo("CANCELLED");
                assertThat(event.at("/data/orderStatusChanged/reason").asString())
                        .isEqualTo("changed my mind");
            }
        }
    }

    private List<String> idsOf(UUID buyer) {
        return db.sql("SELECT id FROM orders WHERE customer_id = :c")
                .bind("c", buyer)
                .map(r -> r.get(0, UUID.class).toString())
                .all()
                .collectList()
                .block();
    }

    private List<String> placeBatch(UUID buyer, int count) {
        List<Map<String, Object>> orders = IntStream.range(0, count)
                .mapToObj(i -> Map.<String, Object>of(
                        "items", List.of(Map.of("productId", product.toString(), "quantity", 1)),
                        "paymentMethod", "CARD",
                        "shippingAddress",
                                Map.of("line1", "1 Main St", "city", "Berlin", "postalCode", "10115", "country", "DE")))
                .toList();
        JsonNode result = graphql()
                .execute(
                        "mutation($o: [CreateOrderInput!]!) { createOrders(input: {orders: $o}) "
                                + "{ results { order { id } } } }",
                        Map.of(
                                "o",
                                orders.stream()
                                        .map(o -> {
                                            Map<String, Object> withCustomer = new java.util.HashMap<>(o);
                                            withCustomer.put("customerId", buyer.toString());
                                            return withCustomer;
                                        })
                                        .toList()));
        List<String> ids = new ArrayList<>();
        result.at("/data/createOrders/results")
                .forEach(r -> ids.add(r.at("/order/id").asString()));
        assertThat(ids).hasSize(count);
        return ids;
    }

    /**
     * Waits until an instance has exactly {@code n} subscriptions open: before a test's own, the earlier
     * tests' are gone; after it, a live subscription (one without replay) is registered and sees every
     * change from now on.
     */
    private static void awaitOpenSubscriptions(MeterRegistry instance, int n) {
        SagaStreams.await(
                () -> instance.get("oms.subscriptions.active").gauge().value() == n, n + " open subscription(s)");
    }
}
