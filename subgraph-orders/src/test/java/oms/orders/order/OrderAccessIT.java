package oms.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoOrder;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "oms.demo.seed=true")
class OrderAccessIT extends SubgraphIT {

    private static final DemoData DEMO = DemoData.generate(Instant.now());
    private static final DemoOrder MINE = DEMO.orders().getFirst();
    private static final DemoOrder THEIRS = DEMO.orders().stream()
            .filter(o -> !o.customerId().equals(MINE.customerId()))
            .findFirst()
            .orElseThrow();

    private GraphQlClient me() {
        return as(TestTokens.customer(MINE.customerId()));
    }

    private static String code(JsonNode result) {
        return result.at("/errors/0/extensions/code").asString();
    }

    @Test
    void a_customer_sees_their_own_order_but_not_another_customers() {
        assertThat(me().execute("{ order(id: \"" + MINE.id() + "\") { id } }")
                        .at("/data/order/id")
                        .asString())
                .isEqualTo(MINE.id().toString());
        JsonNode other = me().execute("{ order(id: \"" + THEIRS.id() + "\") { id number lines { sku } } }");
        assertThat(code(other)).isEqualTo("NOT_FOUND");
        String unknownId = java.util.UUID.randomUUID().toString();
        JsonNode unknown = me().execute("{ order(id: \"" + unknownId + "\") { id number lines { sku } } }");
        assertThat(other.toString().replace(THEIRS.id().toString(), "?"))
                .as("another customer's order answers exactly as an unknown one")
                .isEqualTo(unknown.toString().replace(unknownId, "?"));
        assertThat(other.at("/data/order").isNull()).isTrue();
        assertThat(other.toString()).doesNotContain("ORD-");
        String theirNumber = OrderNumber.format(THEIRS.number());
        JsonNode byNumber = me().execute("{ orderByNumber(number: \"" + theirNumber + "\") { id } }");
        JsonNode unknownNumber = me().execute("{ orderByNumber(number: \"ORD-999999\") { id } }");
        assertThat(byNumber.toString().replace(theirNumber, "?"))
                .isEqualTo(unknownNumber.toString().replace("ORD-999999", "?"));
        assertThat(code(byNumber)).isEqualTo("NOT_FOUND");
    }

    @Test
    void entities_sent_straight_to_the_subgraph_do_not_leak_another_customers_order() {
        JsonNode result = me().execute(
                        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id number } } }",
                        Map.of(
                                "r",
                                List.of(
                                        Map.of(
                                                "__typename",
                                                "Order",
                                                "id",
                                                THEIRS.id().toString()),
                                        Map.of(
                                                "__typename",
                                                "Order",
                                                "id",
                                                MINE.id().toString()))));
        assertThat(result.at("/data/_entities/0").isNull()).isTrue();
        assertThat(result.at("/data/_entities/1/id").asString())
                .isEqualTo(MINE.id().toString());
        assertThat(code(result)).isEqualTo("NOT_FOUND");
        assertThat(result.toString()).doesNotContain(OrderNumber.format(THEIRS.number()));

        JsonNode theirList = me().execute(
                        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer "
                                + "{ orders { edges { node { id } } } } } }",
                        Map.of(
                                "r",
                                List.of(Map.of(
                                        "__typename",
                                        "Customer",
                                        "id",
                                        THEIRS.customerId().toString()))));
        assertThat(code(theirList)).isEqualTo("FORBIDDEN");
        assertThat(theirList.toString()).doesNotContain(THEIRS.id().toString());
    }

    @Test
    void a_customers_order_list_holds_only_their_orders() {
        long mine = DEMO.orders().stream()
                .filter(o -> o.customerId().equals(MINE.customerId()))
                .count();
        JsonNode list = me().execute("{ orders(first: 100) { edges { node { customer { id } } } } }");
        assertThat(list.at("/data/orders/edges").size()).isEqualTo(mine);
        list.at("/data/orders/edges")
                .forEach(e -> assertThat(e.at("/node/customer/id").asString())
                        .isEqualTo(MINE.customerId().toString()));
        assertThat(code(me().execute("{ orders(filter: {customerId: \"" + THEIRS.customerId()
                        + "\"}) { edges { cursor } } }")))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void anonymous_callers_and_accounts_without_a_customer_see_no_orders() {
        assertThat(code(anonymous().execute("{ orders { edges { cursor } } }"))).isEqualTo("UNAUTHENTICATED");
        assertThat(code(anonymous().execute("{ order(id: \"" + MINE.id() + "\") { id } }")))
                .isEqualTo("UNAUTHENTICATED");
        GraphQlClient noProfile = as(TestTokens.builder().roles("customer").build());
        assertThat(code(noProfile.execute("{ orders { edges { cursor } } }"))).isEqualTo("FORBIDDEN");
    }

    @Test
    void sales_and_warehouse_read_every_order() {
        for (String role : List.of("sales", "warehouse")) {
            JsonNode result = as(TestTokens.staff(role)).execute("{ order(id: \"" + THEIRS.id() + "\") { id } }");
            assertThat(result.at("/data/order/id").asString())
                    .as(role)
                    .isEqualTo(THEIRS.id().toString());
        }
        assertThat(as(TestTokens.staff("sales"))
                        .execute("{ orders(first: 100) { edges { cursor } } }")
                        .at("/data/orders/edges")
                        .size())
                .isEqualTo(100);
    }
}
