package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LiveConnection;
import oms.testsupport.LiveSubscription;
import oms.testsupport.SseSubscription;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Order-status subscriptions through the router with real Keycloak tokens, over WebSocket and SSE. */
class SubscriptionIT {

    private static final Duration WAIT = Eventually.STEP;

    private final String aliceToken = RunningStack.token("alice");
    private final GraphQlClient alice = RunningStack.router().withBearer(aliceToken);
    private final GraphQlClient ada = RunningStack.router().withBearer(RunningStack.token("ada"));

    private static URI http() {
        return URI.create(RunningStack.get().routerUrl());
    }

    private static URI ws() {
        return URI.create(RunningStack.get().routerUrl().replaceFirst("^http", "ws"));
    }

    private String productWithStock() {
        for (JsonNode edge : ada.execute(
                        "{ products(first: 100, activeOnly: true) { edges { node { id " + "stock { available } } } } }")
                .at("/data/products/edges")) {
            if (edge.at("/node/stock/available").asInt() >= 5) {
                return edge.at("/node/id").asString();
            }
        }
        throw new AssertionError("no product in stock");
    }

    /**
     * Places an order for Alice. As the README asks of clients, an answer of SERVICE_UNAVAILABLE (the
     * router's 5 s upstream timeout, e.g. the first placement of a stack just started on a busy machine)
     * is retried with the same idempotency key, which places the order once.
     */
    private String place() {
        Map<String, String> variables =
                Map.of("p", productWithStock(), "k", UUID.randomUUID().toString());
        JsonNode answer = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            answer = alice.execute("""
                mutation($p: ID!, $k: String!) { createOrder(input: {items: [{productId: $p, quantity: 1}],
                  paymentMethod: CARD, idempotencyKey: $k,
                  shippingAddress: {line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE"}})
                  { order { id } userErrors { code message } } }""", variables);
            if (!answer.at("/errors").toString().contains("SERVICE_UNAVAILABLE")) {
                break;
            }
        }
        JsonNode created = answer.at("/data/createOrder");
        assertThat(created.isObject()).as(answer.toString()).isTrue();
        assertThat(created.at("/userErrors").size()).as(created.toString()).isZero();
        return created.at("/order/id").asString();
    }

    @Test
    void a_customer_watches_an_order_over_websocket_with_fields_from_other_subgraphs() {
        String id = place();
        try (LiveConnection connection = LiveConnection.open(ws(), aliceToken);
                LiveSubscription sub = connection.subscribe("""
                     subscription($id: ID!) { orderStatusChanged(orderId: $id, afterVersion: 0) {
                       cursor number previousStatus status version reason
                       order { id customer { name email } shipment { status } } } }""", Map.of("id", id))) {
            List<JsonNode> events = sub.until(list -> list.size() >= 2, WAIT);
            assertThat(events)
                    .extracting(e -> e.at("/data/orderStatusChanged/status").asString())
                    .containsExactly("PENDING", "CONFIRMED");
            JsonNode confirmed = events.get(1).at("/data/orderStatusChanged");
            assertThat(confirmed.at("/version").asInt()).isEqualTo(2);
            assertThat(confirmed.at("/previousStatus").asString()).isEqualTo("PENDING");
            assertThat(confirmed.at("/order/customer/name").asString())
                    .as("resolved by the customers subgraph")
                    .isNotBlank();
            assertThat(events.get(0).at("/errors").isMissingNode())
                    .as(events.get(0).toString())
                    .isTrue();
        }
    }

    @Test
    void a_customer_follows_their_orders_over_sse() {
        awaitOpenSubscriptions(0);
        LiveSubscription sub = SseSubscription.open(
                http(),
                aliceToken,
                "subscription { myOrderStatusChanges { orderId status order { number } } }",
                Map.of());
        try (sub) {
            awaitOpenSubscriptions(1);
            String id = place();
            List<JsonNode> events = sub.until(list -> list.stream().anyMatch(e -> isConfirmed(e, id)), WAIT);
            assertThat(events).as(events.toString()).anyMatch(e -> isConfirmed(e, id));
            assertThat(events)
                    .allMatch(e -> e.at("/data/myOrderStatusChanges/order/number")
                            .asString()
                            .startsWith("ORD-"));
        }
    }

    private static boolean isConfirmed(JsonNode e, String id) {
        return e.at("/data/myOrderStatusChanges/orderId").asString().equals(id)
                && e.at("/data/myOrderStatusChanges/status").asString().equals("CONFIRMED");
    }

    @Test
    void another_customer_gets_nothing_of_alices_order_and_a_token_is_required() {
        String id = place();
        try (LiveConnection connection = LiveConnection.open(ws(), RunningStack.token("bob"));
                LiveSubscription sub = connection.subscribe(
                        "subscription($id: ID!) { orderStatusChanged(orderId: $id, " + "afterVersion: 0) { status } }",
                        Map.of("id", id))) {
            assertThat(sub.awaitEnd(WAIT)).isTrue();
            assertThat(sub.errors().toString()).contains("NOT_FOUND");
        }
        LiveSubscription overSse = SseSubscription.open(
                http(),
                RunningStack.token("bob"),
                "subscription($id: ID!) { orderStatusChanged(orderId: $id, afterVersion: 0) { status } }",
                Map.of("id", id));
        assertThat(overSse.awaitEnd(WAIT)).isTrue();
        assertThat(overSse.errors().toString()).contains("NOT_FOUND");
        LiveSubscription anonymous =
                SseSubscription.open(http(), null, "subscription { myOrderStatusChanges { status } }", Map.of());
        assertThat(anonymous.awaitEnd(WAIT)).isTrue();
        assertThat(anonymous.errors().toString()).contains("UNAUTHENTICATED").contains("Sign in to subscribe");
        try (LiveConnection connection = LiveConnection.open(ws(), null);
                LiveSubscription sub =
                        connection.subscribe("subscription { myOrderStatusChanges { status } }", Map.of())) {
            assertThat(sub.awaitEnd(WAIT)).isTrue();
            assertThat(sub.errors().toString()).as("refused by the router").contains("Sign in to subscribe");
        }
    }

    /**
     * Waits until the orders service has exactly {@code n} subscriptions open: before a test's own,
     * the earlier tests' are gone; after it, the live subscription (no replay) is registered and sees
     * every change from now on.
     */
    private static void awaitOpenSubscriptions(int n) {
        Eventually.await(
                n + " open subscription(s) at the orders service", () -> RunningStack.openSubscriptions("orders") == n);
    }
}
