package oms.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oms.orders.graphql.client.OrderByNumberGraphQLQuery;
import oms.orders.graphql.client.OrderByNumberProjectionRoot;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoOrder;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "oms.demo.seed=true")
class OrderIT extends SubgraphIT {

    private static final DemoData DEMO = DemoData.generate(Instant.now());

    private static DemoOrder demoOrder(String status) {
        return DEMO.orders().stream()
                .filter(o -> o.status().equals(status))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void an_order_shows_lines_totals_address_payment_and_history() {
        DemoOrder demo = demoOrder("DELIVERED");
        JsonNode order = execute("""
                query($id: ID!) { order(id: $id) {
                  number status paymentStatus paymentMethod placedAt version
                  customer { id }
                  shippingAddress { city country }
                  lines { sku quantity unitPrice { amount currency } lineTotal { amount } product { id } }
                  totals { subtotal { amount currency } itemCount }
                  statusHistory { version from to actor reason at }
                } }""", Map.of("id", demo.id().toString())).at("/data/order");
        assertThat(order.at("/number").asString()).isEqualTo("ORD-%06d".formatted(demo.number()));
        assertThat(order.at("/status").asString()).isEqualTo("DELIVERED");
        assertThat(order.at("/paymentStatus").asString()).isEqualTo("PAID");
        assertThat(order.at("/customer/id").asString())
                .isEqualTo(demo.customerId().toString());
        assertThat(order.at("/lines").size()).isEqualTo(demo.lines().size());
        assertThat(order.at("/lines/0/product/id").asString())
                .isEqualTo(demo.lines().getFirst().productId().toString());
        assertThat(order.at("/statusHistory").size()).isEqualTo(4);
        assertThat(order.at("/statusHistory/3/to").asString()).isEqualTo("DELIVERED");
        assertThat(order.at("/version").asInt()).isEqualTo(4);
        String expected = demo.lines().stream()
                .map(l -> l.unitPrice().multiply(java.math.BigDecimal.valueOf(l.quantity())))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)
                .toPlainString();
        assertThat(new java.math.BigDecimal(order.at("/totals/subtotal/amount").asString()))
                .isEqualByComparingTo(expected);
    }

    @Test
    void an_order_is_found_by_its_number() {
        DemoOrder demo = demoOrder("PENDING");
        OrderByNumberProjectionRoot<?, ?> projection = new OrderByNumberProjectionRoot<>().id();
        projection.status();
        JsonNode order = execute(
                        new OrderByNumberGraphQLQuery.Builder()
                                .number("ORD-%06d".formatted(demo.number()))
                                .build(),
                        projection)
                .at("/data/orderByNumber");
        assertThat(order.at("/id").asString()).isEqualTo(demo.id().toString());
        assertThat(order.at("/status").asString()).isEqualTo("PENDING");
        assertThat(execute("{ orderByNumber(number: \"ORD-999999\") { id } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void pages_walk_every_order_once_newest_first() {
        List<String> seen = new ArrayList<>();
        List<String> placed = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonNode page = execute(
                            "query($a: String) { orders(first: 100, after: $a) "
                                    + "{ edges { node { id placedAt } } pageInfo { hasNextPage endCursor } } }",
                            after == null ? Map.of() : Map.of("a", after))
                    .at("/data/orders");
            page.at("/edges").forEach(e -> {
                seen.add(e.at("/node/id").asString());
                placed.add(e.at("/node/placedAt").asString());
            });
            more = page.at("/pageInfo/hasNextPage").asBoolean();
            after = page.at("/pageInfo/endCursor").asString();
        }
        assertThat(seen).hasSize(DemoData.ORDERS).doesNotHaveDuplicates();
        List<Instant> times = placed.stream()
                .map(t -> java.time.OffsetDateTime.parse(t).toInstant())
                .toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void orders_filter_by_status_customer_and_placement_time() {
        long delivered = DEMO.orders().stream()
                .filter(o -> o.status().equals("DELIVERED"))
                .count();
        JsonNode byStatus = execute(
                        "{ orders(first: 100, filter: {status: [DELIVERED, CANCELLED]}) { edges { node { status } } } }")
                .at("/data/orders/edges");
        Set<String> statuses = new HashSet<>();
        byStatus.forEach(e -> statuses.add(e.at("/node/status").asString()));
        assertThat(statuses).containsExactlyInAnyOrder("DELIVERED", "CANCELLED");
        assertThat(delivered).isGreaterThan(0);

        DemoOrder any = demoOrder("SHIPPED");
        long ofCustomer = DEMO.orders().stream()
                .filter(o -> o.customerId().equals(any.customerId()))
                .count();
        JsonNode byCustomer = execute(
                        "query($c: ID!) { orders(first: 100, filter: {customerId: $c}) { edges { node { id } } } }",
                        Map.of("c", any.customerId().toString()))
                .at("/data/orders/edges");
        assertThat(byCustomer.size()).isEqualTo(ofCustomer);

        String from = any.placedAt().toString();
        String to = any.placedAt().plusMillis(1).toString();
        JsonNode byTime = execute(
                        "query($f: DateTime!, $t: DateTime!) { orders(filter: {placedFrom: $f, placedTo: $t}) "
                                + "{ edges { node { id } } } }",
                        Map.of("f", from, "t", to))
                .at("/data/orders/edges");
        assertThat(byTime.size()).isEqualTo(1);
        assertThat(byTime.at("/0/node/id").asString()).isEqualTo(any.id().toString());

        JsonNode backwards = execute(
                "query($f: DateTime!, $t: DateTime!) { orders(filter: {placedFrom: $t, placedTo: $f}) "
                        + "{ edges { node { id } } } }",
                Map.of("f", from, "t", to));
        assertThat(backwards.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void bad_arguments_get_stable_codes() {
        assertThat(execute("{ orders(first: 101) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(execute("{ orders(after: \"Zm9v\") { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("INVALID_CURSOR");
        assertThat(execute("{ order(id: \"00000000-0000-0000-0000-000000000000\") { id } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("NOT_FOUND");
        assertThat(execute("{ order(id: \"x\") { id } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(execute("{ orders(filter: {customerId: \"x\"}) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void the_router_gets_orders_and_customers_orders_by_key() {
        DemoOrder demo = demoOrder("CONFIRMED");
        JsonNode orders = entities(
                "Order",
                "id number status",
                Map.of("__typename", "Order", "id", demo.id().toString()),
                Map.of("__typename", "Order", "id", "00000000-0000-0000-0000-000000000000"));
        assertThat(orders.at("/data/_entities/0/number").asString()).isEqualTo("ORD-%06d".formatted(demo.number()));
        assertThat(orders.at("/data/_entities/1").isNull()).isTrue();

        List<DemoData.DemoCustomer> two = DEMO.customers().subList(0, 2);
        JsonNode customers = entities(
                "Customer",
                "id orders(first: 3, status: [DELIVERED]) { edges { node { id status customer { id } } } pageInfo { hasNextPage } }",
                Map.of("__typename", "Customer", "id", two.get(0).id().toString()),
                Map.of("__typename", "Customer", "id", two.get(1).id().toString()));
        for (int i = 0; i < 2; i++) {
            String customerId = two.get(i).id().toString();
            long expected = Math.min(
                    3,
                    DEMO.orders().stream()
                            .filter(o -> o.customerId().toString().equals(customerId)
                                    && o.status().equals("DELIVERED"))
                            .count());
            JsonNode edges = customers.at("/data/_entities/" + i + "/orders/edges");
            assertThat(edges.size()).isEqualTo(expected);
            edges.forEach(e -> {
                assertThat(e.at("/node/customer/id").asString()).isEqualTo(customerId);
                assertThat(e.at("/node/status").asString()).isEqualTo("DELIVERED");
            });
        }
    }
}
