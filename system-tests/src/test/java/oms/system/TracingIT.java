package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LiveSubscription;
import oms.testsupport.SseSubscription;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One trace per order, read back from the stack's Zipkin: the client's traceparent is continued by the
 * router, the orders subgraph, the outbox relay, inventory (OrderPlaced), orders again (StockReserved),
 * shipping (OrderConfirmed) and the subscription delivery of CONFIRMED; an entity fetch shows as the
 * customers subgraph's span under the router's; the orders service's log line for the placement is
 * JSON with the trace id.
 */
class TracingIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The span id of the client's own (imaginary) span: the router's span must name it as its parent. */
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private final String aliceToken = RunningStack.token("alice");
    private final GraphQlClient ada = RunningStack.router().withBearer(RunningStack.token("ada"));

    private record SpanView(String service, String name, String kind, String id, String parentId) {
        static SpanView of(JsonNode span) {
            return new SpanView(
                    span.at("/localEndpoint/serviceName").asString(),
                    span.path("name").asString(),
                    span.path("kind").asString(""),
                    span.path("id").asString(),
                    span.path("parentId").asString(""));
        }

        @Override
        public String toString() {
            return service + ":" + name + (kind.isEmpty() ? "" : "(" + kind + ")");
        }
    }

    private static String newTraceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void an_orders_saga_is_one_trace_from_the_router_through_every_service_to_the_subscriber() throws Exception {
        String traceId = newTraceId();
        GraphQlClient alice = RunningStack.router()
                .withBearer(aliceToken)
                .withHeader("traceparent", "00-" + traceId + "-" + CLIENT_SPAN + "-01");
        JsonNode created = alice.execute(
                        """
                mutation($p: ID!, $k: String!) { createOrder(input: {items: [{productId: $p, quantity: 1}],
                  paymentMethod: CARD, idempotencyKey: $k,
                  shippingAddress: {line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE"}})
                  { order { id } userErrors { code message } } }""",
                        Map.of("p", productWithStock(), "k", UUID.randomUUID().toString()))
                .at("/data/createOrder");
        assertThat(created.at("/userErrors").size()).as(created.toString()).isZero();
        String orderId = created.at("/order/id").asString();

        // a subscriber that replays the order's history: the deliveries join the order's trace
        try (LiveSubscription sub = SseSubscription.open(
                URI.create(RunningStack.get().routerUrl()),
                aliceToken,
                "subscription($id: ID!) { orderStatusChanged(orderId: $id, afterVersion: 0) { status } }",
                Map.of("id", orderId))) {
            sub.until(
                    events -> events.stream()
                            .anyMatch(e -> e.at("/data/orderStatusChanged/status")
                                    .asString()
                                    .equals("CONFIRMED")),
                    Eventually.STEP);
        }

        List<String> expected = List.of(
                "router:post /graphql(SERVER)", "router:subgraph.execute (orders)(CLIENT)",
                "orders:http post /graphql(SERVER)", "orders:publish orderplaced(PRODUCER)",
                "inventory:consume orderplaced(CONSUMER)", "inventory:publish stockreserved(PRODUCER)",
                "orders:consume stockreserved(CONSUMER)", "orders:publish orderconfirmed(PRODUCER)",
                "shipping:consume orderconfirmed(CONSUMER)", "orders:deliver order status confirmed(PRODUCER)");
        List<SpanView> spans = awaitSpans(traceId, expected);

        SpanView root = find(spans, "router:post /graphql(SERVER)");
        assertThat(root.parentId())
                .as("the router continues the client's trace")
                .isEqualTo(CLIENT_SPAN);
        SpanView ordersServer = find(spans, "orders:http post /graphql(SERVER)");
        assertThat(ancestors(spans, ordersServer))
                .as("orders' span hangs under the router's subgraph call")
                .contains(find(spans, "router:subgraph.execute (orders)(CLIENT)"));
        // each hop's span is a child of the hop before: request → outbox → stream → consumer → outbox → …
        assertThat(find(spans, "orders:publish orderplaced(PRODUCER)").parentId())
                .as("the outbox row remembers the request")
                .isIn(spans.stream()
                        .filter(s -> s.service().equals("orders"))
                        .map(SpanView::id)
                        .toList());
        assertThat(ancestors(spans, find(spans, "orders:publish orderplaced(PRODUCER)")))
                .contains(ordersServer);
        assertThat(find(spans, "inventory:consume orderplaced(CONSUMER)").parentId())
                .isEqualTo(find(spans, "orders:publish orderplaced(PRODUCER)").id());
        assertThat(find(spans, "inventory:publish stockreserved(PRODUCER)").parentId())
                .isEqualTo(
                        find(spans, "inventory:consume orderplaced(CONSUMER)").id());
        assertThat(find(spans, "orders:consume stockreserved(CONSUMER)").parentId())
                .isEqualTo(
                        find(spans, "inventory:publish stockreserved(PRODUCER)").id());
        assertThat(find(spans, "shipping:consume orderconfirmed(CONSUMER)").parentId())
                .isEqualTo(
                        find(spans, "orders:publish orderconfirmed(PRODUCER)").id());
        assertThat(find(spans, "orders:deliver order status confirmed(PRODUCER)")
                        .parentId())
                .as("the change to CONFIRMED was made while handling StockReserved")
                .isEqualTo(find(spans, "orders:consume stockreserved(CONSUMER)").id());

        // the orders service's line for this placement: JSON, with the trace id
        Path log = RunningStack.get().options().dataDir().resolve("logs/orders.log");
        Eventually.await(
                "the placement's log line in " + log,
                () -> placementLine(log, traceId).isPresent());
        JsonNode line = placementLine(log, traceId).orElseThrow();
        assertThat(line.path("service").path("name").asString()).isEqualTo("orders");
        assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
        assertThat(line.has("@timestamp") && line.at("/log/level").asString().equals("INFO"))
                .as(line.toString())
                .isTrue();
    }

    @Test
    void an_entity_fetch_is_a_span_of_the_subgraph_that_resolves_it_under_the_router() {
        String traceId = newTraceId();
        JsonNode page = ada.withHeader("traceparent", "00-" + traceId + "-" + CLIENT_SPAN + "-01")
                .execute("query Page { orders(first: 3) { edges { node { number customer { name } } } } }");
        assertThat(page.at("/errors").isMissingNode()).as(page.toString()).isTrue();
        List<SpanView> spans = awaitSpans(
                traceId,
                List.of(
                        "router:subgraph.execute (orders)(CLIENT)",
                        "router:subgraph.execute (customers)(CLIENT)",
                        "orders:http post /graphql(SERVER)",
                        "customers:http post /graphql(SERVER)"));
        assertThat(ancestors(spans, find(spans, "customers:http post /graphql(SERVER)")))
                .contains(
                        find(spans, "router:subgraph.execute (customers)(CLIENT)"),
                        find(spans, "router:post /graphql(SERVER)"));
        assertThat(spans)
                .as("the operation's name is on the router's span")
                .anyMatch(s -> s.name().contains("Page")
                        || s.service().equals("router") && s.name().startsWith("graphql.operation"));
    }

    private static Optional<JsonNode> placementLine(Path log, String traceId) {
        try {
            for (String text : Files.readAllLines(log)) {
                if (text.contains(traceId)) {
                    JsonNode line = GraphQlClient.json().readTree(text);
                    if (traceId.equals(line.path("traceId").asString())
                            && line.path("message").asString().startsWith("Placed ")) {
                        return Optional.of(line);
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static SpanView find(List<SpanView> spans, String label) {
        return spans.stream()
                .filter(s -> s.toString().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + label + " in " + spans));
    }

    private static List<SpanView> ancestors(List<SpanView> spans, SpanView span) {
        List<SpanView> up = new ArrayList<>();
        SpanView at = span;
        while (at != null && !at.parentId().isEmpty()) {
            String parent = at.parentId();
            at = spans.stream().filter(s -> s.id().equals(parent)).findFirst().orElse(null);
            if (at != null) {
                up.add(at);
            }
        }
        return up;
    }

    /** Polls Zipkin until the trace holds a span for every label (spans arrive in batches, each service its own). */
    private static List<SpanView> awaitSpans(String traceId, List<String> labels) {
        List<SpanView>[] last = new List[] {List.of()};
        try {
            Eventually.await("spans " + labels + " in trace " + traceId, () -> {
                last[0] = trace(traceId);
                List<String> seen = last[0].stream().map(SpanView::toString).toList();
                return seen.containsAll(labels);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the trace has " + last[0], e);
        }
        return last[0];
    }

    private static List<SpanView> trace(String traceId) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(RunningStack.get().zipkinUrl() + "/api/v2/trace/" + traceId))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of();
            }
            return StreamSupport.stream(
                            GraphQlClient.json().readTree(response.body()).spliterator(), false)
                    .map(SpanView::of)
                    .toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
}
