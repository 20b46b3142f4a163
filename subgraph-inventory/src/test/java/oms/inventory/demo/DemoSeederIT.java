package oms.inventory.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import oms.platform.demo.DemoData;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "oms.demo.seed=true")
class DemoSeederIT extends SubgraphIT {

    @Autowired
    DatabaseClient db;

    @Test
    void the_demo_catalogue_matches_the_shared_data_set_and_its_ledger() {
        Map<String, Object> totals = db.sql("""
                        SELECT (SELECT count(*) FROM products) AS products,
                               (SELECT sum(on_hand) FROM stock_levels) AS on_hand,
                               (SELECT sum(delta) FROM stock_movements) AS deltas,
                               (SELECT count(*) FROM stock_movements) AS movements""")
                .fetch().one().block();
        assertThat(((Number) totals.get("products")).intValue()).isEqualTo(DemoData.PRODUCTS);
        assertThat(((Number) totals.get("movements")).intValue()).isEqualTo(DemoData.PRODUCTS);
        assertThat(((Number) totals.get("deltas")).longValue()).isEqualTo(((Number) totals.get("on_hand")).longValue());

        DemoData.DemoProduct first = DemoData.generate(java.time.Instant.now()).products().getFirst();
        JsonNode product = execute("query($s: String!) { productBySku(sku: $s) { id price { amount } stock { onHand reserved } } }",
                Map.of("s", first.sku())).at("/data/productBySku");
        assertThat(product.at("/id").asString()).isEqualTo(first.id().toString());
        assertThat(product.at("/price/amount").asString()).isEqualTo(first.price().toPlainString());
        assertThat(product.at("/stock/onHand").asInt()).isEqualTo(first.onHand());
        assertThat(product.at("/stock/reserved").asInt()).isEqualTo(first.reserved());
    }
}
