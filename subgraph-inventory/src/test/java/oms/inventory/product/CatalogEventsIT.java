package oms.inventory.product;

import static oms.inventory.EventStreams.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.StreamMessage;
import java.util.Map;
import java.util.UUID;
import oms.inventory.EventStreams;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Orders keeps a replica of the catalogue from the catalog stream; every committed change must reach it. */
class CatalogEventsIT extends SubgraphIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CREATE = """
            mutation($i: CreateProductInput!) { createProduct(input: $i) { product { id } userErrors { code } } }""";

    @Value("${oms.redis-url}")
    String redisUrl;

    @Autowired
    DatabaseClient db;

    private EventStreams streams;

    @BeforeEach
    void connect() {
        streams = new EventStreams(redisUrl);
    }

    @AfterEach
    void disconnect() {
        streams.close();
    }

    private JsonNode create(String sku, String price) {
        return execute(
                        CREATE,
                        Map.of(
                                "i",
                                Map.of(
                                        "sku",
                                        sku,
                                        "name",
                                        "Catalogue Lamp",
                                        "price",
                                        price,
                                        "currency",
                                        "EUR",
                                        "initialStock",
                                        3)))
                .at("/data/createProduct");
    }

    private static String sku() {
        return "CAT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private long outboxRows(String sku) {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE stream = 'catalog' AND payload->>'sku' = :sku")
                .bind("sku", sku)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    @Test
    void a_created_product_and_each_change_to_it_are_announced_on_the_catalog_stream() {
        String sku = sku();
        String id = create(sku, "12.5").at("/product/id").asString();

        StreamMessage<String, String> created = streams.awaitFirst("catalog", id);
        assertThat(created.getBody().get("type")).isEqualTo("ProductUpserted");
        assertThat(UUID.fromString(created.getBody().get("id"))).isNotNull();
        assertThat(JSON.readTree(created.getBody().get("payload"))).isEqualTo(JSON.readTree("""
                {"productId":"%s","sku":"%s","name":"Catalogue Lamp","price":"12.50","currency":"EUR","active":true}""".formatted(id, sku)));

        execute(
                "mutation($i: UpdateProductInput!) { updateProduct(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("id", id, "price", "13", "active", false)));
        JsonNode changed = JSON.readTree(eventually()
                .until(() -> streams.entries("catalog", id), e -> e.size() == 2)
                .getLast()
                .getBody()
                .get("payload"));
        assertThat(changed.at("/price").asString()).isEqualTo("13.00");
        assertThat(changed.at("/active").asBoolean()).isFalse();
    }

    @Test
    void nothing_is_announced_when_a_product_is_not_created_or_not_changed() {
        String invalid = sku();
        assertThat(create(invalid, "0").at("/userErrors/0/code").asString()).isEqualTo("INVALID_PRICE");
        String taken = sku();
        String id = create(taken, "5").at("/product/id").asString();
        assertThat(create(taken, "6").at("/userErrors/0/code").asString()).isEqualTo("DUPLICATE_SKU");
        execute(
                "mutation($i: UpdateProductInput!) { updateProduct(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("id", id, "price", "-1")));

        assertThat(outboxRows(invalid)).isZero();
        assertThat(outboxRows(taken)).isEqualTo(1);
        // the relay publishes in outbox order: once a later product is out, nothing else is coming
        String later = create(sku(), "7").at("/product/id").asString();
        streams.awaitFirst("catalog", later);
        assertThat(streams.entries("catalog", id)).hasSize(1);
    }
}
