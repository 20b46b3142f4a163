package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.testsupport.GraphQlClient;
import tools.jackson.databind.JsonNode;

/**
 * A batch of orders placed through the router on three products of its own (so their stock tells
 * exactly what the batch did), and the checks that the saga decided each of them exactly once:
 * one decision in inventory and one in the order's history, reservations that match the confirmed
 * orders, a shipment for each confirmed order, no answer published twice, nothing parked.
 */
final class SagaBatch {

    private final int stock;
    private final List<String> products = new ArrayList<>();
    private final List<String> orderIds = new ArrayList<>();
    private final Instant startedAt = Instant.now();
    private Instant placedFrom;
    private Instant placedTo;

    /**
     * A client with a current token of a demo user: a crash test outlasts a token fetched at its start
     * on a slow machine (a killed service restarts, a batch settles), so each call asks for one (cached).
     */
    private static GraphQlClient as(String user) {
        return RunningStack.router().withBearer(RunningStack.token(user));
    }

    /** Three new products with {@code stock} units each, known to the orders service's catalogue replica. */
    SagaBatch(int stock) {
        this.stock = stock;
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        for (int n = 1; n <= 3; n++) {
            JsonNode created = as("ada")
                    .execute("""
                    mutation($sku: String!, $stock: Int!) { createProduct(input: {sku: $sku, name: "Crash test part",
                      price: "5.00", currency: "EUR", initialStock: $stock}) { product { id } userErrors { code message } } }""", Map.of("sku", "CRASH-" + run + "-" + n, "stock", stock))
                    .at("/data/createProduct");
            assertThat(created.at("/userErrors").isEmpty())
                    .as(created.toString())
                    .isTrue();
            products.add(created.at("/product/id").asString());
        }
        Eventually.await(
                "the orders service to learn the new products",
                () -> count("orders", "SELECT count(*) FROM catalog_products WHERE product_id::text = ANY(?)", products)
                        == 3);
    }

    /** Order {@code i} wants this many units of each of the three products. */
    static int quantity(int i) {
        return 1 + i % 2;
    }

    /** Places {@code orders} orders in one createOrders call as sales staff; all must be accepted. */
    List<String> place(int orders) {
        List<String> customers = new ArrayList<>();
        for (JsonNode edge : as("sam")
                .execute("{ customers(first: 50) { edges { node { id status } } } }")
                .at("/data/customers/edges")) {
            if (edge.at("/node/status").asString().equals("ACTIVE")) {
                customers.add(edge.at("/node/id").asString());
            }
        }
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            int quantity = quantity(i);
            inputs.add(Map.of(
                    "customerId",
                    customers.get(i % customers.size()),
                    "paymentMethod",
                    "INVOICE",
                    "items",
                    products.stream()
                            .map(p -> Map.of("productId", p, "quantity", quantity))
                            .toList(),
                    "shippingAddress",
                    Map.of("line1", "1 Crash Street", "city", "Berlin", "postalCode", "10115", "country", "DE")));
        }
        placedFrom = Instant.now();
        String key = UUID.randomUUID().toString();
        JsonNode payload = null;
        // as a client should: an answer lost to a timeout (a loaded machine, a cold JVM) is asked again
        // with the same idempotency key, which returns the original results and creates nothing twice
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonNode answer = as("sam")
                    .execute(
                            """
                    mutation($input: CreateOrdersInput!) { createOrders(input: $input) {
                      acceptedCount results { order { id } userErrors { code message } } userErrors { code message } } }""",
                            Map.of(
                                    "input",
                                    Map.of("orders", inputs, "errorPolicy", "PER_ORDER", "idempotencyKey", key)));
            payload = answer.at("/data/createOrders");
            if (!payload.isMissingNode() && !payload.isNull()) {
                break;
            }
            assertThat(answer.at("/errors/0/extensions/code").asString())
                    .as(answer.toString())
                    .isIn("SERVICE_UNAVAILABLE", "GATEWAY_TIMEOUT");
            sleep(Duration.ofSeconds(2));
        }
        placedTo = Instant.now();
        assertThat(payload.at("/acceptedCount").asInt()).as(payload.toString()).isEqualTo(orders);
        payload.at("/results").forEach(r -> orderIds.add(r.at("/order/id").asString()));
        return orderIds;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until no order of the batch is PENDING and every confirmed one has its shipment. */
    void awaitSettled(Duration timeout) {
        Eventually.await("every order of the batch to be decided and shipped if confirmed", timeout, () -> {
            Map<String, JsonNode> orders = orders();
            return orders.values().stream()
                    .noneMatch(o -> o.at("/status").asString().equals("PENDING")
                            || o.at("/status").asString().equals("CONFIRMED")
                                    && o.at("/shipment").isNull());
        });
    }

    /** Every check of "exactly once, nothing lost"; answers how many orders were confirmed. */
    int assertDecidedExactlyOnce() {
        Map<String, JsonNode> orders = orders();
        assertThat(orders.keySet()).containsExactlyInAnyOrderElementsOf(orderIds);
        Map<String, String> decisions = pairs(
                "inventory", "SELECT order_id::text, decision FROM stock_decisions WHERE order_id::text = ANY(?)");
        Map<String, Integer> reservationsPerOrder = new HashMap<>();
        Map<String, Integer> reservedPerProduct = new HashMap<>();
        query(
                "inventory",
                "SELECT order_id::text, product_id::text, quantity FROM reservations WHERE order_id::text = ANY(?)",
                orderIds,
                rs -> {
                    reservationsPerOrder.merge(rs.getString(1), 1, Integer::sum);
                    reservedPerProduct.merge(rs.getString(2), rs.getInt(3), Integer::sum);
                });
        int confirmed = 0;
        int confirmedUnits = 0;
        for (int i = 0; i < orderIds.size(); i++) {
            JsonNode order = orders.get(orderIds.get(i));
            String status = order.at("/status").asString();
            assertThat(status).as(order.toString()).isIn("CONFIRMED", "REJECTED");
            assertThat(order.at("/statusHistory").size())
                    .as("history of " + order)
                    .isEqualTo(2);
            assertThat(order.at("/statusHistory/1/to").asString()).isEqualTo(status);
            assertThat(decisions.get(orderIds.get(i))).isEqualTo(status.equals("CONFIRMED") ? "RESERVED" : "REJECTED");
            if (status.equals("CONFIRMED")) {
                confirmed++;
                confirmedUnits += quantity(i);
                assertThat(reservationsPerOrder.get(orderIds.get(i)))
                        .as("reservations of " + order)
                        .isEqualTo(3);
                assertThat(order.at("/shipment/id").isMissingNode())
                        .as("shipment of " + order)
                        .isFalse();
            } else {
                assertThat(reservationsPerOrder).doesNotContainKey(orderIds.get(i));
                assertThat(order.at("/shipment").isNull())
                        .as("shipment of " + order)
                        .isTrue();
            }
        }
        // stock was short on purpose: both outcomes happened
        assertThat(confirmed).isBetween(1, orderIds.size() - 1);
        for (String product : products) {
            JsonNode level = as("ada")
                    .execute(
                            "query($id: ID!) { product(id: $id) { stock { onHand reserved available } } }",
                            Map.of("id", product))
                    .at("/data/product/stock");
            assertThat(level.at("/onHand").asInt()).isEqualTo(stock);
            assertThat(level.at("/reserved").asInt())
                    .isEqualTo(confirmedUnits)
                    .isEqualTo(reservedPerProduct.get(product));
            assertThat(level.at("/available").asInt()).isEqualTo(stock - confirmedUnits);
        }
        // one answer per order from inventory, one confirmation per confirmed order from orders
        assertThat(pairs(
                                "inventory",
                                "SELECT key, count(*)::text FROM outbox_events WHERE stream = 'inventory' "
                                        + "AND key = ANY(?) GROUP BY key",
                                orderIds)
                        .values())
                .hasSize(orderIds.size())
                .containsOnly("1");
        assertThat(pairs(
                                "orders",
                                "SELECT key, count(*)::text FROM outbox_events WHERE type = 'OrderConfirmed' "
                                        + "AND key = ANY(?) GROUP BY key",
                                orderIds)
                        .values())
                .hasSize(confirmed)
                .containsOnly("1");
        for (String subgraph : List.of("inventory", "orders")) {
            query(
                    subgraph,
                    "SELECT count(*) FROM parked_events WHERE parked_at >= ?::timestamptz",
                    List.of(startedAt.toString()),
                    rs -> assertThat(rs.getLong(1)).as("parked in " + subgraph).isZero());
        }
        return confirmed;
    }

    /** The batch's orders by id, read through the router (orders placed in its time window). */
    private Map<String, JsonNode> orders() {
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("from", placedFrom.toString());
            variables.put("to", placedTo.toString());
            variables.put("after", after);
            JsonNode page = as("ada").execute("""
                    query($from: DateTime!, $to: DateTime!, $after: String) {
                      orders(first: 100, after: $after, filter: {placedFrom: $from, placedTo: $to}) {
                        edges { node { id status statusHistory { version from to } shipment { id } } }
                        pageInfo { hasNextPage endCursor } } }""", variables);
            assertThat(page.has("errors")).as(page.toString()).isFalse();
            page.at("/data/orders/edges")
                    .forEach(e -> orders.put(e.at("/node/id").asString(), e.at("/node")));
            after = page.at("/data/orders/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/data/orders/pageInfo/endCursor").asString()
                    : null;
        } while (after != null);
        orders.keySet().retainAll(orderIds);
        return orders;
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String subgraph, String sql, List<String> values, Row row) {
        try (Connection c = RunningStack.database(subgraph);
                PreparedStatement statement = c.prepareStatement(sql)) {
            if (sql.contains("ANY(?)")) {
                statement.setArray(1, c.createArrayOf("text", values.toArray()));
            } else {
                statement.setString(1, values.getFirst());
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Map<String, String> pairs(String subgraph, String sql) {
        return pairs(subgraph, sql, orderIds);
    }

    private static Map<String, String> pairs(String subgraph, String sql, List<String> values) {
        Map<String, String> pairs = new HashMap<>();
        query(subgraph, sql, values, rs -> pairs.put(rs.getString(1), rs.getString(2)));
        return pairs;
    }

    private static long count(String subgraph, String sql, List<String> values) {
        long[] count = {0};
        query(subgraph, sql, values, rs -> count[0] = rs.getLong(1));
        return count[0];
    }
}
