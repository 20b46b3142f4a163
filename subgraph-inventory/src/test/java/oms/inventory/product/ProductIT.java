package oms.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oms.inventory.graphql.client.CreateProductGraphQLQuery;
import oms.inventory.graphql.client.CreateProductProjectionRoot;
import oms.inventory.graphql.client.ProductBySkuGraphQLQuery;
import oms.inventory.graphql.client.ProductBySkuProjectionRoot;
import oms.inventory.graphql.client.ProductGraphQLQuery;
import oms.inventory.graphql.client.ProductProjectionRoot;
import oms.inventory.graphql.types.CreateProductInput;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProductIT extends SubgraphIT {

    private static final String CREATE = """
            mutation($input: CreateProductInput!) {
              createProduct(input: $input) {
                product { id sku name price { amount currency } active stock { onHand reserved available } }
                userErrors { code field message }
              }
            }""";

    private JsonNode create(String sku, String name, String price) {
        return execute(CREATE, Map.of("input", Map.of("sku", sku, "name", name, "price", price, "currency", "EUR")))
                .at("/data/createProduct");
    }

    private JsonNode bySku(String sku) {
        return execute("query($s: String!) { productBySku(sku: $s) { id name } }", Map.of("s", sku));
    }

    @Test
    void a_created_product_can_be_read_back_by_id_and_by_sku() {
        CreateProductInput input = CreateProductInput.newBuilder()
                .sku("mug-0001")
                .name("Travel Mug")
                .description("Keeps coffee hot")
                .price(new BigDecimal("12.5"))
                .currency("eur")
                .initialStock(7)
                .build();
        CreateProductProjectionRoot<?, ?> created = new CreateProductProjectionRoot<>();
        created.product().id().sku();
        created.userErrors().code();
        JsonNode payload = execute(
                        new CreateProductGraphQLQuery.Builder().input(input).build(), created)
                .at("/data/createProduct");
        assertThat(payload.at("/userErrors").size()).isZero();
        assertThat(payload.at("/product/sku").asString()).isEqualTo("MUG-0001");
        String id = payload.at("/product/id").asString();

        ProductProjectionRoot<?, ?> projection =
                new ProductProjectionRoot<>().sku().name().description().active();
        projection.price().amount().currency();
        projection.stock().onHand().reserved().available();
        JsonNode product = execute(new ProductGraphQLQuery.Builder().id(id).build(), projection)
                .at("/data/product");
        assertThat(product.at("/name").asString()).isEqualTo("Travel Mug");
        assertThat(product.at("/price/amount").asString()).isEqualTo("12.50");
        assertThat(product.at("/price/currency").asString()).isEqualTo("EUR");
        assertThat(product.at("/active").asBoolean()).isTrue();
        assertThat(product.at("/stock/onHand").asInt()).isEqualTo(7);
        assertThat(product.at("/stock/available").asInt()).isEqualTo(7);

        ProductBySkuProjectionRoot<?, ?> bySku = new ProductBySkuProjectionRoot<>().id();
        JsonNode found = execute(
                        new ProductBySkuGraphQLQuery.Builder().sku("Mug-0001").build(), bySku)
                .at("/data/productBySku");
        assertThat(found.at("/id").asString()).isEqualTo(id);
    }

    @Test
    void the_router_resolves_products_by_either_key() {
        String id = create("ENT-0001", "Entity Lamp", "30.00").at("/product/id").asString();
        JsonNode result = entities(
                "Product",
                "id sku name stock { onHand }",
                Map.of("__typename", "Product", "id", id),
                Map.of("__typename", "Product", "sku", "ent-0001"),
                Map.of("__typename", "Product", "id", "00000000-0000-0000-0000-000000000009"),
                Map.of("__typename", "Product", "sku", "NO-SUCH-SKU"),
                Map.of("__typename", "Product", "id", "42"));
        assertThat(result.at("/errors").isMissingNode()).isTrue();
        assertThat(result.at("/data/_entities/0/name").asString()).isEqualTo("Entity Lamp");
        assertThat(result.at("/data/_entities/1/id").asString()).isEqualTo(id);
        assertThat(result.at("/data/_entities/1/stock/onHand").asInt()).isZero();
        assertThat(result.at("/data/_entities/2").isNull()).isTrue();
        assertThat(result.at("/data/_entities/3").isNull()).isTrue();
        assertThat(result.at("/data/_entities/4").isNull()).isTrue();
    }

    @Test
    void a_sku_is_taken_whatever_its_case_and_the_loser_writes_nothing() {
        assertThat(create("TWIN-1", "First Twin", "5.00").at("/userErrors").size())
                .isZero();
        JsonNode second = create("twin-1", "Second Twin", "6.00");
        assertThat(second.at("/product").isNull()).isTrue();
        assertThat(second.at("/userErrors/0/code").asString()).isEqualTo("DUPLICATE_SKU");
        assertThat(second.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"sku\"]");
        assertThat(bySku("TWIN-1").at("/data/productBySku/name").asString()).isEqualTo("First Twin");
        JsonNode twins = execute("{ products(search: \"twin\") { edges { node { name } } } }")
                .at("/data/products/edges");
        assertThat(twins.size()).isEqualTo(1);
    }

    @Test
    void an_invalid_price_is_a_user_error_and_nothing_is_written() {
        JsonNode payload = create("PRICE-1", "Odd Price", "-9.99");
        assertThat(payload.at("/product").isNull()).isTrue();
        assertThat(payload.at("/userErrors/0/code").asString()).isEqualTo("INVALID_PRICE");
        assertThat(payload.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"price\"]");
        // more than two decimals is no amount at all: the Decimal scalar refuses the request
        JsonNode thirdDecimal = execute(
                CREATE, Map.of("input", Map.of("sku", "PRICE-3", "name", "Odd", "price", "9.999", "currency", "EUR")));
        assertThat(thirdDecimal.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(bySku("PRICE-3").at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(create("PRICE-2", "Free Lunch", "0").at("/userErrors/0/code").asString())
                .isEqualTo("INVALID_PRICE");
        assertThat(bySku("PRICE-1").at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(bySku("PRICE-2").at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void every_input_problem_is_reported_at_once() {
        JsonNode payload = execute(
                        CREATE,
                        Map.of(
                                "input",
                                Map.of("sku", "x y", "name", "", "price", "-1", "currency", "EU", "initialStock", -5)))
                .at("/data/createProduct");
        assertThat(payload.at("/userErrors").findValues("code").stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly(
                        "INVALID_ARGUMENT", "INVALID_ARGUMENT", "INVALID_PRICE", "INVALID_ARGUMENT", "NEGATIVE_STOCK");
    }

    @Test
    void unknown_and_malformed_ids_are_errors_with_stable_codes() {
        JsonNode unknown = execute("{ product(id: \"00000000-0000-0000-0000-000000000001\") { id } }");
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
        JsonNode malformed = execute("{ product(id: \"42\") { id } }");
        assertThat(malformed.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(malformed.toString()).doesNotContain("Exception");
        assertThat(bySku("NOPE-404").at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void pages_walk_every_product_once_in_sku_order() {
        for (String sku : List.of("PAGE-3", "PAGE-1", "PAGE-5", "PAGE-2", "PAGE-4")) {
            create(sku, "Paged " + sku, "1.00");
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonNode page = execute(
                            "query($a: String) { products(first: 2, after: $a, search: \"page-\") "
                                    + "{ edges { cursor node { sku } } pageInfo { hasNextPage endCursor } } }",
                            after == null ? Map.of() : Map.of("a", after))
                    .at("/data/products");
            page.at("/edges").forEach(e -> seen.add(e.at("/node/sku").asString()));
            more = page.at("/pageInfo/hasNextPage").asBoolean();
            after = page.at("/pageInfo/endCursor").asString();
        }
        assertThat(seen).containsExactly("PAGE-1", "PAGE-2", "PAGE-3", "PAGE-4", "PAGE-5");
    }

    @Test
    void page_size_and_cursor_are_checked() {
        assertThat(execute("{ products(first: 101) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(execute("{ products(first: -1) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(execute("{ products(after: \"bm9wZQ\") { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("INVALID_CURSOR");
    }

    @Test
    void search_takes_like_wildcards_literally_and_active_only_hides_discontinued_products() {
        create("WILD-1", "100% Cotton Shirt", "20.00");
        create("WILD-2", "1000 Cotton Buds", "2.00");
        String old =
                create("WILD-3", "Retired Cotton Hat", "8.00").at("/product/id").asString();
        execute(
                "mutation($id: ID!) { updateProduct(input: {id: $id, active: false}) { userErrors { code } } }",
                Map.of("id", old));

        JsonNode percent = execute("{ products(search: \"100%\") { edges { node { sku } } } }")
                .at("/data/products/edges");
        assertThat(percent.findValues("sku").stream().map(JsonNode::asString).toList())
                .containsExactly("WILD-1");
        JsonNode active = execute("{ products(search: \"cotton\", activeOnly: true) { edges { node { sku } } } }")
                .at("/data/products/edges");
        assertThat(active.findValues("sku").stream().map(JsonNode::asString).toList())
                .containsExactly("WILD-1", "WILD-2");
    }

    @Test
    void an_update_changes_only_the_given_fields() {
        String id = create("UPD-1", "Old Name", "10.00").at("/product/id").asString();
        JsonNode payload = execute("""
                mutation($input: UpdateProductInput!) {
                  updateProduct(input: $input) { product { sku name price { amount currency } active } userErrors { code } }
                }""", Map.of("input", Map.of("id", id, "price", "11.90", "currency", "usd")))
                .at("/data/updateProduct");
        assertThat(payload.at("/userErrors").size()).isZero();
        assertThat(payload.at("/product/name").asString()).isEqualTo("Old Name");
        assertThat(payload.at("/product/price/amount").asString()).isEqualTo("11.90");
        assertThat(payload.at("/product/price/currency").asString()).isEqualTo("USD");

        JsonNode refused = execute(
                        "mutation($id: ID!) { updateProduct(input: {id: $id, price: \"0\"}) "
                                + "{ product { id } userErrors { code } } }",
                        Map.of("id", id))
                .at("/data/updateProduct");
        assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("INVALID_PRICE");
        assertThat(bySku("UPD-1").at("/data/productBySku/name").asString()).isEqualTo("Old Name");

        JsonNode missing = execute("mutation { updateProduct(input: {id: \"00000000-0000-0000-0000-000000000002\", "
                        + "name: \"X\"}) { userErrors { code field } } }")
                .at("/data/updateProduct");
        assertThat(missing.at("/userErrors/0/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(missing.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"id\"]");
    }

    @Test
    void a_full_page_with_stock_costs_a_constant_number_of_statements() {
        for (int i = 0; i < 30; i++) {
            create("BULK-%03d".formatted(i), "Bulk item " + i, "3.00");
        }
        String query = "{ products(first: 100, search: \"BULK-\") { edges { node { sku stock { available } } } } }";
        execute(query);
        Measured page = measured(query, Map.of());
        assertThat(page.result().at("/data/products/edges").size()).isEqualTo(30);
        // one statement for the page, one for all stock levels
        assertThat(page.statements()).isEqualTo(2);
    }
}
