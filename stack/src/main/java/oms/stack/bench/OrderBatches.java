package oms.stack.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.testsupport.GraphQlClient;
import oms.testsupport.GraphQlRequests;
import tools.jackson.databind.JsonNode;

/**
 * The orders a benchmark places: the stack's own demo customers and products, read through the router,
 * each order three lines of one unit of three different products. The same rows feed the raw-insert
 * baseline, so both sides write the same data.
 */
final class OrderBatches {

    static final String MUTATION = """
            mutation($input: CreateOrdersInput!) {
              createOrders(input: $input) {
                acceptedCount rejectedCount
                results { index order { id status } userErrors { code message } }
                userErrors { code message }
              }
            }""";

    record Product(String id, String sku, String name, BigDecimal price) {}

    /** One order of a batch: whom it is for and its three products (one unit each). */
    record Order(String customerId, List<Product> products) {
        BigDecimal subtotal() {
            return products.stream().map(Product::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    private final List<String> customers;
    private final List<Product> products;
    private final int batchSize;

    private OrderBatches(List<String> customers, List<Product> products, int batchSize) {
        this.customers = customers;
        this.products = products;
        this.batchSize = batchSize;
    }

    /**
     * Reads the active demo customers (as sales) and the first {@code productCount} active products (as
     * warehouse staff), and books {@code topUp} units into each of those products so that the run's
     * orders are confirmed rather than rejected for want of stock.
     */
    static OrderBatches prepare(
            GraphQlClient sales, GraphQlClient warehouse, int productCount, int topUp, int batchSize) {
        List<String> customers = new ArrayList<>();
        JsonNode customerPage = data(sales.execute("{ customers(first: 100) { edges { node { id status } } } }"));
        for (JsonNode edge : customerPage.at("/customers/edges")) {
            if (edge.at("/node/status").asString().equals("ACTIVE")) {
                customers.add(edge.at("/node/id").asString());
            }
        }
        List<Product> products = new ArrayList<>();
        String after = null;
        while (products.size() < productCount) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("after", after);
            JsonNode page = data(warehouse.execute("""
                    query($after: String) { products(first: 100, after: $after, activeOnly: true) {
                      edges { node { id sku name price { amount } } } pageInfo { hasNextPage endCursor } } }""", variables)).at("/products");
            for (JsonNode edge : page.at("/edges")) {
                if (products.size() < productCount) {
                    JsonNode node = edge.at("/node");
                    products.add(new Product(
                            node.at("/id").asString(),
                            node.at("/sku").asString(),
                            node.at("/name").asString(),
                            new BigDecimal(node.at("/price/amount").asString())));
                }
            }
            if (!page.at("/pageInfo/hasNextPage").asBoolean()) {
                break;
            }
            after = page.at("/pageInfo/endCursor").asString();
        }
        if (customers.isEmpty() || products.size() < 3) {
            throw new IllegalStateException("The stack has too few active demo customers or products to order from");
        }
        for (Product product : products) {
            JsonNode adjusted = data(warehouse.execute("""
                    mutation($id: ID!, $delta: Int!) { adjustStock(input: {productId: $id, delta: $delta,
                      reason: "Benchmark stock"}) { userErrors { code message } } }""", Map.of("id", product.id(), "delta", topUp)));
            if (!adjusted.at("/adjustStock/userErrors").isEmpty()) {
                throw new IllegalStateException("Could not add benchmark stock: " + adjusted);
            }
        }
        return new OrderBatches(List.copyOf(customers), List.copyOf(products), batchSize);
    }

    int batchSize() {
        return batchSize;
    }

    int productCount() {
        return products.size();
    }

    /** The orders of batch {@code batch} (0-based): customers and products taken round-robin. */
    List<Order> orders(int batch) {
        List<Order> orders = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            long n = (long) batch * batchSize + i;
            List<Product> lines = List.of(product(3 * n), product(3 * n + 1), product(3 * n + 2));
            orders.add(new Order(customers.get((int) (n % customers.size())), lines));
        }
        return orders;
    }

    /** The request body of {@code createOrders} for a batch: per-order results, one key for the batch. */
    String requestBody(int batch, String idempotencyKey) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        for (Order order : orders(batch)) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("customerId", order.customerId());
            input.put("paymentMethod", "INVOICE");
            input.put(
                    "items",
                    order.products().stream()
                            .map(p -> Map.<String, Object>of("productId", p.id(), "quantity", 1))
                            .toList());
            input.put(
                    "shippingAddress",
                    Map.of(
                            "name",
                            "Benchmark Receiving",
                            "line1",
                            "1 Load Street",
                            "city",
                            "Berlin",
                            "postalCode",
                            "10115",
                            "country",
                            "DE"));
            inputs.add(input);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("idempotencyKey", idempotencyKey);
        input.put("errorPolicy", "PER_ORDER");
        input.put("orders", inputs);
        // signed as the router signs: the benchmark also sends the batches straight to the orders subgraph
        return GraphQlClient.json().writeValueAsString(GraphQlRequests.body(MUTATION, Map.of("input", input), true));
    }

    private Product product(long n) {
        return products.get((int) (n % products.size()));
    }

    static JsonNode data(JsonNode response) {
        if (response.has("errors") || !response.has("data")) {
            throw new IllegalStateException("GraphQL request failed: " + response);
        }
        return response.get("data");
    }
}
