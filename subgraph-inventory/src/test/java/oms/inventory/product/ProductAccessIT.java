package oms.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProductAccessIT extends SubgraphIT {

    private String productId;

    @BeforeEach
    void a_product() {
        String sku = "ACC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        productId = execute(
                        "mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } } }",
                        Map.of(
                                "i",
                                Map.of(
                                        "sku",
                                        sku,
                                        "name",
                                        "Access Lamp",
                                        "price",
                                        "19.90",
                                        "currency",
                                        "EUR",
                                        "initialStock",
                                        5)))
                .at("/data/createProduct/product/id")
                .asString();
    }

    private static String code(JsonNode result) {
        return result.at("/errors/0/extensions/code").asString();
    }

    @Test
    void anonymous_visitors_browse_the_catalogue_but_not_stock() {
        JsonNode catalogue = anonymous().execute("{ product(id: \"" + productId + "\") { name price { amount } } }");
        assertThat(catalogue.has("errors")).isFalse();
        assertThat(catalogue.at("/data/product/name").asString()).isEqualTo("Access Lamp");

        JsonNode stock = anonymous().execute("{ product(id: \"" + productId + "\") { name stock { onHand } } }");
        assertThat(code(stock)).isEqualTo("UNAUTHENTICATED");
        assertThat(stock.at("/data/product/name").asString()).isEqualTo("Access Lamp");
        assertThat(stock.at("/data/product/stock").isNull()).isTrue();
    }

    @Test
    void anonymous_visitors_see_availability_but_not_the_numbers_behind_it() {
        String query = "{ product(id: \"" + productId + "\") { availability } }";
        assertThat(anonymous().execute(query).at("/data/product/availability").asString())
                .isEqualTo("LOW_STOCK");
        execute(
                "mutation($i: AdjustStockInput!) { adjustStock(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("productId", productId, "delta", 1, "reason", "Found one")));
        assertThat(anonymous().execute(query).at("/data/product/availability").asString())
                .isEqualTo("IN_STOCK");
        execute(
                "mutation($i: AdjustStockInput!) { adjustStock(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("productId", productId, "delta", -6, "reason", "Damaged")));
        assertThat(anonymous().execute(query).at("/data/product/availability").asString())
                .isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void customers_do_not_see_stock_levels_or_change_the_catalogue() {
        var customer = as(TestTokens.customer(UUID.randomUUID()));
        assertThat(code(customer.execute("{ product(id: \"" + productId + "\") { stock { onHand } } }")))
                .isEqualTo("FORBIDDEN");
        assertThat(code(customer.execute("mutation { updateProduct(input: {id: \"" + productId + "\", name: \"X\"}) "
                        + "{ product { id } } }")))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void the_warehouse_books_stock_but_does_not_edit_the_catalogue() {
        var warehouse = as(TestTokens.staff("warehouse"));
        JsonNode adjusted = warehouse.execute("mutation { adjustStock(input: {productId: \"" + productId
                + "\", delta: 3, reason: \"Delivery\"}) { product { stock { onHand } } userErrors { code } } }");
        assertThat(adjusted.at("/data/adjustStock/product/stock/onHand").asInt())
                .isEqualTo(8);
        assertThat(code(warehouse.execute("mutation { updateProduct(input: {id: \"" + productId + "\", name: \"X\"}) "
                        + "{ product { id } } }")))
                .isEqualTo("FORBIDDEN");
        assertThat(code(as(TestTokens.staff("sales"))
                        .execute("mutation { adjustStock(input: {productId: \"" + productId
                                + "\", delta: 1, reason: \"Oops\"}) { userErrors { code } } }")))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void products_resolve_by_key_for_anyone_because_the_catalogue_is_public() {
        JsonNode result = anonymous()
                .execute(
                        "query($r: [_Any!]!) { _entities(representations: $r) " + "{ ... on Product { name } } }",
                        Map.of("r", java.util.List.of(Map.of("__typename", "Product", "id", productId))));
        assertThat(result.at("/data/_entities/0/name").asString()).isEqualTo("Access Lamp");
    }
}
