package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import oms.stack.StackOptions;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The product as a client sees it: one endpoint, the four subgraphs behind the router. */
class SupergraphIT {

    private static final String ORDERS_PAGE = """
            query($first: Int!) {
              orders(first: $first) {
                edges { node {
                  number status placedAt
                  customer { name email }
                  lines { quantity unitPrice { amount currency } product { name sku price { amount } stock { available } } }
                  shipment { status trackingNumber carrier { name } }
                } }
              }
            }""";

    /** An administrator, who sees everything: these tests are about federation, not access. */
    private final GraphQlClient router = RunningStack.router().withBearer(RunningStack.token("ada"));

    @Test
    void one_query_joins_customer_products_and_shipment_of_an_order() {
        JsonNode result = router.execute("""
                { orders(first: 1, filter: {status: [DELIVERED]}) { edges { node {
                    number status
                    customer { name }
                    lines { quantity unitPrice { amount } product { name price { amount currency } } }
                    shipment { status trackingNumber trackingUrl events { status } }
                } } } }""");
        assertThat(result.has("errors")).as(result.toString()).isFalse();
        JsonNode order = result.at("/data/orders/edges/0/node");
        assertThat(order.at("/number").asString()).startsWith("ORD-");
        assertThat(order.at("/customer/name").asString()).isNotBlank();
        assertThat(order.at("/lines/0/product/name").asString()).isNotBlank();
        assertThat(order.at("/lines/0/product/price/currency").asString()).isEqualTo("EUR");
        assertThat(order.at("/shipment/status").asString()).isEqualTo("DELIVERED");
        assertThat(order.at("/shipment/trackingNumber").asString()).isNotBlank();
    }

    @Test
    void the_demo_data_is_seeded_across_every_subgraph() {
        JsonNode result = router.execute("""
                { customers(first: 100) { edges { cursor } }
                  products(first: 100) { pageInfo { hasNextPage } }
                  shipments(first: 100) { pageInfo { hasNextPage } }
                  pending: orders(first: 1, filter: {status: [PENDING]}) { edges { cursor } }
                  confirmed: orders(first: 1, filter: {status: [CONFIRMED]}) { edges { cursor } }
                  rejected: orders(first: 1, filter: {status: [REJECTED]}) { edges { cursor } }
                  shipped: orders(first: 1, filter: {status: [SHIPPED]}) { edges { cursor } }
                  delivered: orders(first: 1, filter: {status: [DELIVERED]}) { edges { cursor } }
                  cancelled: orders(first: 1, filter: {status: [CANCELLED]}) { edges { cursor } } }""");
        assertThat(result.has("errors")).as(result.toString()).isFalse();
        assertThat(result.at("/data/customers/edges").size()).isGreaterThanOrEqualTo(50);
        assertThat(result.at("/data/products/pageInfo/hasNextPage").asBoolean()).isTrue();
        for (String status : new String[] {"pending", "confirmed", "rejected", "shipped", "delivered", "cancelled"}) {
            assertThat(result.at("/data/" + status + "/edges").size())
                    .as(status)
                    .isEqualTo(1);
        }
    }

    @Test
    void a_page_of_orders_resolves_every_customer_product_and_shipment() {
        // other system tests place orders meanwhile: one confirmed a moment ago may not have its
        // shipment yet (the saga creates it after the confirmation), so the page is asked again until
        // every order agrees with its status, for at most 15 s
        Eventually.await(
                "every order of the page to have a shipment exactly when it is CONFIRMED, SHIPPED or DELIVERED",
                Duration.ofSeconds(15),
                () -> firstDisagreeing(router.execute(ORDERS_PAGE, Map.of("first", 100))) == null);
    }

    /** The page's first order whose shipment does not match its status; every order has its customer and products. */
    private static JsonNode firstDisagreeing(JsonNode result) {
        assertThat(result.has("errors")).as(result.toString()).isFalse();
        JsonNode edges = result.at("/data/orders/edges");
        assertThat(edges.size()).isEqualTo(100);
        JsonNode disagreeing = null;
        for (JsonNode edge : edges) {
            JsonNode order = edge.at("/node");
            assertThat(order.at("/customer/email").asString()).contains("@");
            order.at("/lines")
                    .forEach(line ->
                            assertThat(line.at("/product/sku").asString()).isNotBlank());
            String status = order.at("/status").asString();
            boolean shipped = status.equals("SHIPPED") || status.equals("DELIVERED") || status.equals("CONFIRMED");
            if (disagreeing == null && order.at("/shipment").isNull() == shipped) {
                disagreeing = order;
            }
        }
        return disagreeing;
    }

    @Test
    void ten_or_a_hundred_orders_cost_the_same_sql_statements_in_every_subgraph() {
        Map<String, Long> ten = statementsFor(10);
        Map<String, Long> hundred = statementsFor(100);
        assertThat(hundred).isEqualTo(ten);
        assertThat(ten.values()).allMatch(n -> n > 0 && n <= 4);
    }

    /**
     * The SQL statements one page costs each subgraph, counted by the request's id (the router forwards
     * x-request-id): background work running at the same time (outbox relay, event consumers, the
     * subscription feed's check) counts for no request.
     */
    private Map<String, Long> statementsFor(int first) {
        String requestId = "n-plus-one-" + first + "-" + UUID.randomUUID();
        JsonNode result = router.withHeader("x-request-id", requestId).execute(ORDERS_PAGE, Map.of("first", first));
        assertThat(result.has("errors")).as(result.toString()).isFalse();
        assertThat(result.at("/data/orders/edges").size()).isEqualTo(first);
        Map<String, Long> used = new TreeMap<>();
        StackOptions.SUBGRAPHS.keySet().forEach(s -> used.put(s, RunningStack.sqlStatements(s, requestId)));
        return used;
    }

    @Test
    void bad_input_gets_a_stable_code_through_the_router() {
        assertThat(router.execute("{ orders(first: 101) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(router.execute("{ customer(id: \"00000000-0000-0000-0000-000000000000\") { name } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("NOT_FOUND");
        JsonNode invalid = router.execute("{ orders { nope } }");
        assertThat(invalid.at("/errors/0/extensions/code").asString()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(invalid.toString()).doesNotContain("Exception").doesNotContain("at oms.");
    }
}
