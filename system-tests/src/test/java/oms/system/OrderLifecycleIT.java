package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The saga across all four services, through the router, with real tokens. */
class OrderLifecycleIT {

    private final GraphQlClient alice = RunningStack.router().withBearer(RunningStack.token("alice"));
    private final GraphQlClient wendy = RunningStack.router().withBearer(RunningStack.token("wendy"));
    private final GraphQlClient ada = RunningStack.router().withBearer(RunningStack.token("ada"));
    private final GraphQlClient sam = RunningStack.router().withBearer(RunningStack.token("sam"));

    /** An active product with at least {@code units} available. */
    private JsonNode productWith(int units) {
        for (JsonNode edge : ada.execute("{ products(first: 100, activeOnly: true) { edges { node { id sku "
                        + "stock { onHand reserved available } } } } }")
                .at("/data/products/edges")) {
            if (edge.at("/node/stock/available").asInt() >= units) {
                return edge.at("/node");
            }
        }
        throw new AssertionError("no product with " + units + " units available");
    }

    private JsonNode stock(String productId) {
        return ada.execute(
                        "query($id: ID!) { product(id: $id) { stock { onHand reserved available } } }",
                        Map.of("id", productId))
                .at("/data/product/stock");
    }

    private String place(String productId, int quantity) {
        JsonNode created = alice.execute(
                        """
                mutation($p: ID!, $q: Int!, $k: String!) { createOrder(input: {items: [{productId: $p, quantity: $q}],
                  paymentMethod: CARD, idempotencyKey: $k,
                  shippingAddress: {line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE"}})
                  { order { id status } userErrors { code field message } } }""",
                        Map.of(
                                "p",
                                productId,
                                "q",
                                quantity,
                                "k",
                                UUID.randomUUID().toString()))
                .at("/data/createOrder");
        assertThat(created.at("/userErrors").size()).as(created.toString()).isZero();
        return created.at("/order/id").asString();
    }

    private JsonNode awaitOrder(String id, String status) {
        JsonNode[] order = new JsonNode[1];
        Eventually.await(
                "order " + id + " to become " + status + (status.equals("CONFIRMED") ? " with a shipment" : ""), () -> {
                    order[0] = ada.execute(
                                    "query($id: ID!) { order(id: $id) { status version paymentStatus "
                                            + "shipment { id status trackingNumber } } }",
                                    Map.of("id", id))
                            .at("/data/order");
                    return order[0].at("/status").asString().equals(status)
                            && (!status.equals("CONFIRMED")
                                    || !order[0].at("/shipment/id").isMissingNode());
                });
        return order[0];
    }

    @Test
    void an_order_is_confirmed_shipped_and_delivered_and_its_stock_leaves_the_warehouse() {
        JsonNode product = productWith(5);
        String productId = product.at("/id").asString();
        int onHand = product.at("/stock/onHand").asInt();
        String id = place(productId, 2);

        JsonNode confirmed = awaitOrder(id, "CONFIRMED");
        assertThat(confirmed.at("/shipment/status").asString()).isEqualTo("PENDING");
        assertThat(stock(productId).at("/reserved").asInt()).isGreaterThanOrEqualTo(2);

        JsonNode dispatched = wendy.execute(
                "mutation($s: ID!, $t: String!) { dispatchShipment(input: {shipmentId: $s, "
                        + "trackingNumber: $t}) { shipment { status } userErrors { code } } }",
                Map.of(
                        "s",
                        confirmed.at("/shipment/id").asString(),
                        "t",
                        "SYS" + UUID.randomUUID().toString().substring(0, 8)));
        assertThat(dispatched.at("/data/dispatchShipment/shipment/status").asString())
                .as(dispatched.toString())
                .isEqualTo("DISPATCHED");
        awaitOrder(id, "SHIPPED");
        wendy.execute(
                "mutation($s: ID!) { recordDelivery(input: {shipmentId: $s}) { shipment { status } } }",
                Map.of("s", confirmed.at("/shipment/id").asString()));
        JsonNode delivered = awaitOrder(id, "DELIVERED");
        assertThat(delivered.at("/version").asInt()).isEqualTo(4);

        Eventually.await(
                "the delivered units to leave the stock on hand",
                () -> stock(productId).at("/onHand").asInt() == onHand - 2);
        JsonNode after = stock(productId);
        assertThat(after.at("/onHand").asInt()).isEqualTo(onHand - 2);
        assertThat(after.at("/onHand").asInt())
                .isEqualTo(
                        after.at("/available").asInt() + after.at("/reserved").asInt());
    }

    @Test
    void an_order_for_more_than_is_available_is_rejected_and_reserves_nothing() {
        JsonNode product = productWith(1);
        String productId = product.at("/id").asString();
        int reserved = stock(productId).at("/reserved").asInt();
        String id = place(productId, product.at("/stock/available").asInt() + 1);
        JsonNode rejected = awaitOrder(id, "REJECTED");
        assertThat(rejected.at("/paymentStatus").asString()).isEqualTo("VOIDED");
        assertThat(stock(productId).at("/reserved").asInt()).isEqualTo(reserved);
    }

    @Test
    void cancelling_a_confirmed_order_releases_its_stock() {
        JsonNode product = productWith(3);
        String productId = product.at("/id").asString();
        int available = product.at("/stock/available").asInt();
        String id = place(productId, 3);
        awaitOrder(id, "CONFIRMED");
        assertThat(stock(productId).at("/available").asInt()).isEqualTo(available - 3);
        JsonNode cancelled = alice.execute(
                        "mutation($id: ID!) { cancelOrder(input: {orderId: $id, reason: \"Found it cheaper\"}) "
                                + "{ order { status } userErrors { code } } }",
                        Map.of("id", id))
                .at("/data/cancelOrder");
        assertThat(cancelled.at("/order/status").asString()).isEqualTo("CANCELLED");
        Eventually.await(
                "the cancelled order's stock to be available again",
                () -> stock(productId).at("/available").asInt() == available);
        Eventually.await(
                "the cancelled order's shipment to be cancelled",
                () -> ada.execute("query($id: ID!) { order(id: $id) { shipment { status } } }", Map.of("id", id))
                        .at("/data/order/shipment/status")
                        .asString()
                        .equals("CANCELLED"));
    }

    @Test
    void the_same_full_batch_sent_twice_at_once_creates_its_orders_once() throws Exception {
        String customer = sam.execute("{ customers(first: 10) { edges { node { id status } } } }")
                .at("/data/customers/edges")
                .valueStream()
                .filter(e -> e.at("/node/status").asString().equals("ACTIVE"))
                .skip(5)
                .findFirst()
                .orElseThrow()
                .at("/node/id")
                .asString();
        String product = productWith(1).at("/id").asString();
        List<Map<String, Object>> orders = new ArrayList<>();
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 1000; i++) {
            orders.add(Map.of(
                    "customerId",
                    customer,
                    "paymentMethod",
                    "INVOICE",
                    "idempotencyKey",
                    run + "-" + i,
                    "items",
                    List.of(Map.of("productId", product, "quantity", 1)),
                    "shippingAddress",
                    Map.of("line1", "1 Main St", "city", "Berlin", "postalCode", "10115", "country", "DE")));
        }
        Map<String, Object> input =
                Map.of("input", Map.of("idempotencyKey", run, "errorPolicy", "PER_ORDER", "orders", orders));
        int before = ordersOf(customer).size();
        Instant placedFrom = Instant.now();

        CountDownLatch start = new CountDownLatch(1);
        JsonNode first;
        JsonNode second;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(callers.submit(() -> {
                    start.await();
                    return sam.execute("""
                            mutation($input: CreateOrdersInput!) { createOrders(input: $input) {
                              acceptedCount results { order { id } userErrors { code } } userErrors { code message } } }""", input);
                }));
            }
            start.countDown();
            first = calls.get(0).get().at("/data/createOrders");
            second = calls.get(1).get().at("/data/createOrders");
        }

        assertThat(first.at("/acceptedCount").asInt()).as(first.toString()).isEqualTo(1000);
        assertThat(second.at("/acceptedCount").asInt()).as(second.toString()).isEqualTo(1000);
        List<String> ids = first.at("/results")
                .valueStream()
                .map(r -> r.at("/order/id").asString())
                .toList();
        assertThat(second.at("/results")
                        .valueStream()
                        .map(r -> r.at("/order/id").asString())
                        .toList())
                .isEqualTo(ids);
        assertThat(ids).doesNotHaveDuplicates();
        List<String> after = ordersOf(customer);
        assertThat(after).hasSize(before + 1000).containsAll(ids);

        // leave the stack quiet for the next test: every order of the batch decided
        Map<String, Object> pending = Map.of("c", customer, "from", placedFrom.toString());
        Eventually.await(
                "every order of the batch to be decided",
                Eventually.BATCH,
                () -> RunningStack.router()
                        .withBearer(RunningStack.token("sam"))
                        .execute(
                                "query($c: ID!, $from: DateTime!) { orders(first: 1, "
                                        + "filter: {customerId: $c, placedFrom: $from, status: [PENDING]}) { edges { node { id } } } }",
                                pending)
                        .at("/data/orders/edges")
                        .isEmpty());
    }

    /** The ids of every order of a customer, page by page. */
    private List<String> ordersOf(String customer) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("c", customer);
            variables.put("after", after);
            JsonNode page = sam.execute(
                            "query($c: ID!, $after: String) { orders(first: 100, after: $after, "
                                    + "filter: {customerId: $c}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                            variables)
                    .at("/data/orders");
            page.at("/edges").forEach(e -> ids.add(e.at("/node/id").asString()));
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
        } while (after != null);
        return ids;
    }
}
