package oms.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import oms.inventory.graphql.client.StockMovementsGraphQLQuery;
import oms.inventory.graphql.client.StockMovementsProjectionRoot;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

class StockIT extends SubgraphIT {

    private static final String ADJUST = """
            mutation($input: AdjustStockInput!) {
              adjustStock(input: $input) {
                product { sku stock { onHand reserved available } }
                stockMovement { delta reason onHandAfter }
                userErrors { code field message }
              }
            }""";

    @Autowired
    DatabaseClient db;

    private String create(String sku, int initialStock) {
        JsonNode payload = execute(
                        """
                mutation($input: CreateProductInput!) { createProduct(input: $input) { product { id } userErrors { code } } }""",
                        Map.of(
                                "input",
                                Map.of(
                                        "sku",
                                        sku,
                                        "name",
                                        "Stocked " + sku,
                                        "price",
                                        "4.20",
                                        "currency",
                                        "EUR",
                                        "initialStock",
                                        initialStock)))
                .at("/data/createProduct");
        assertThat(payload.at("/userErrors").size()).isZero();
        return payload.at("/product/id").asString();
    }

    private JsonNode adjust(String productId, int delta, String reason) {
        return execute(ADJUST, Map.of("input", Map.of("productId", productId, "delta", delta, "reason", reason)))
                .at("/data/adjustStock");
    }

    private JsonNode stock(String productId) {
        return execute(
                        "query($id: ID!) { product(id: $id) { stock { onHand reserved available } } }",
                        Map.of("id", productId))
                .at("/data/product/stock");
    }

    private List<JsonNode> movements(String productId) {
        JsonNode edges = execute(
                        "query($id: ID!) { stockMovements(productId: $id, first: 100) "
                                + "{ edges { node { delta reason onHandAfter } } } }",
                        Map.of("id", productId))
                .at("/data/stockMovements/edges");
        List<JsonNode> nodes = new ArrayList<>();
        edges.forEach(e -> nodes.add(e.at("/node")));
        return nodes;
    }

    @Test
    void a_new_product_opens_its_ledger_with_the_initial_stock() {
        String id = create("OPEN-1", 12);
        assertThat(stock(id).at("/onHand").asInt()).isEqualTo(12);
        List<JsonNode> ledger = movements(id);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.getFirst().at("/reason").asString()).isEqualTo("Initial stock");
        assertThat(ledger.getFirst().at("/delta").asInt()).isEqualTo(12);
    }

    @Test
    void an_adjustment_moves_stock_and_is_listed_newest_first() {
        String id = create("MOVE-1", 10);
        JsonNode payload = adjust(id, 5, "Goods received");
        assertThat(payload.at("/userErrors").size()).isZero();
        assertThat(payload.at("/product/stock/onHand").asInt()).isEqualTo(15);
        assertThat(payload.at("/stockMovement/onHandAfter").asInt()).isEqualTo(15);
        adjust(id, -3, "Damaged in warehouse");

        StockMovementsProjectionRoot<?, ?> projection = new StockMovementsProjectionRoot<>();
        projection.edges().node().delta().reason().onHandAfter();
        projection.pageInfo().hasNextPage().endCursor();
        JsonNode first = execute(
                        new StockMovementsGraphQLQuery.Builder()
                                .productId(id)
                                .first(2)
                                .build(),
                        projection)
                .at("/data/stockMovements");
        assertThat(first.at("/edges/0/node/reason").asString()).isEqualTo("Damaged in warehouse");
        assertThat(first.at("/edges/0/node/onHandAfter").asInt()).isEqualTo(12);
        assertThat(first.at("/edges/1/node/delta").asInt()).isEqualTo(5);
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();

        JsonNode rest = execute(
                        new StockMovementsGraphQLQuery.Builder()
                                .productId(id)
                                .first(2)
                                .after(first.at("/pageInfo/endCursor").asString())
                                .build(),
                        projection)
                .at("/data/stockMovements");
        assertThat(rest.at("/edges").size()).isEqualTo(1);
        assertThat(rest.at("/edges/0/node/reason").asString()).isEqualTo("Initial stock");
        assertThat(rest.at("/pageInfo/hasNextPage").asBoolean()).isFalse();
    }

    @Test
    void stock_cannot_be_booked_below_zero() {
        String id = create("LOW-1", 3);
        JsonNode payload = adjust(id, -4, "Oversold");
        assertThat(payload.at("/product").isNull()).isTrue();
        assertThat(payload.at("/userErrors/0/code").asString()).isEqualTo("NEGATIVE_STOCK");
        assertThat(payload.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"delta\"]");
        assertThat(stock(id).at("/onHand").asInt()).isEqualTo(3);
        assertThat(movements(id)).hasSize(1);
    }

    @Test
    void reserved_stock_cannot_be_booked_out() {
        String id = create("RSV-1", 10);
        // reservations arrive from the order saga, which has no mutation here yet
        db.sql("UPDATE stock_levels SET reserved = 4 WHERE product_id = :id")
                .bind("id", UUID.fromString(id))
                .fetch()
                .rowsUpdated()
                .block();
        assertThat(stock(id).at("/available").asInt()).isEqualTo(6);
        assertThat(adjust(id, -7, "Write-off").at("/userErrors/0/code").asString())
                .isEqualTo("NEGATIVE_STOCK");
        JsonNode accepted = adjust(id, -6, "Write-off");
        assertThat(accepted.at("/product/stock/onHand").asInt()).isEqualTo(4);
        assertThat(accepted.at("/product/stock/available").asInt()).isZero();
    }

    @Test
    void concurrent_withdrawals_never_oversell() throws Exception {
        String id = create("RUSH-1", 10);
        List<Future<JsonNode>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> adjust(id, -1, "Picked")));
            }
        }
        int accepted = 0;
        int refused = 0;
        for (Future<JsonNode> result : results) {
            JsonNode payload = result.get();
            if (payload.at("/userErrors").isEmpty()) {
                accepted++;
            } else {
                assertThat(payload.at("/userErrors/0/code").asString()).isEqualTo("NEGATIVE_STOCK");
                refused++;
            }
        }
        assertThat(accepted).isEqualTo(10);
        assertThat(refused).isEqualTo(10);
        assertThat(stock(id).at("/onHand").asInt()).isZero();
        List<JsonNode> ledger = movements(id);
        assertThat(ledger.stream().mapToInt(m -> m.at("/delta").asInt()).sum()).isZero();
        // newest first, each balance one below the one before it
        assertThat(ledger.stream().map(m -> m.at("/onHandAfter").asInt()).toList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void invalid_adjustments_and_unknown_products_are_user_errors() {
        String id = create("BAD-1", 1);
        assertThat(adjust(id, 0, "Nothing").at("/userErrors/0/code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(adjust(id, 1, " ").at("/userErrors/0/field/1").asString()).isEqualTo("reason");
        JsonNode unknown = adjust("00000000-0000-0000-0000-000000000003", 1, "Ghost");
        assertThat(unknown.at("/userErrors/0/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(unknown.at("/userErrors/0/field/1").asString()).isEqualTo("productId");
        JsonNode malformed = execute(ADJUST, Map.of("input", Map.of("productId", "42", "delta", 1, "reason", "x")));
        assertThat(malformed.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void the_ledger_of_an_unknown_product_is_not_found() {
        JsonNode result =
                execute("{ stockMovements(productId: \"00000000-0000-0000-0000-000000000004\") { edges { cursor } } }");
        assertThat(result.at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
        JsonNode badCursor = execute(
                "query($id: ID!) { stockMovements(productId: $id, after: \"bm9wZQ\") { edges { cursor } } }",
                Map.of("id", create("CUR-1", 1)));
        assertThat(badCursor.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_CURSOR");
    }
}
