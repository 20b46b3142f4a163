package oms.inventory.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import oms.platform.demo.DemoData;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

// stays out of the inventory consumer group: another test context of this JVM shares the Redis
@TestPropertySource(properties = {"oms.demo.seed=true", "oms.inventory.reservations.enabled=false"})
class DemoSeederIT extends SubgraphIT {

    @Autowired
    DatabaseClient db;

    @Test
    void the_demo_catalogue_matches_the_shared_data_set_and_its_ledger() {
        Map<String, Object> totals = db.sql("""
                        SELECT (SELECT count(*) FROM products) AS products,
                               (SELECT sum(on_hand) FROM stock_levels) AS on_hand,
                               (SELECT sum(delta) FROM stock_movements) AS deltas,
                               (SELECT count(*) FROM stock_movements) AS movements""").fetch().one().block();
        assertThat(((Number) totals.get("products")).intValue()).isEqualTo(DemoData.PRODUCTS);
        assertThat(((Number) totals.get("movements")).intValue()).isEqualTo(DemoData.PRODUCTS);
        assertThat(((Number) totals.get("deltas")).longValue()).isEqualTo(((Number) totals.get("on_hand")).longValue());

        DemoData.DemoProduct first =
                DemoData.generate(java.time.Instant.now()).products().getFirst();
        JsonNode product = execute(
                        "query($s: String!) { productBySku(sku: $s) { id price { amount } stock { onHand reserved } } }",
                        Map.of("s", first.sku()))
                .at("/data/productBySku");
        assertThat(product.at("/id").asString()).isEqualTo(first.id().toString());
        assertThat(product.at("/price/amount").asString())
                .isEqualTo(first.price().toPlainString());
        assertThat(product.at("/stock/onHand").asInt()).isEqualTo(first.onHand());
        assertThat(product.at("/stock/reserved").asInt()).isEqualTo(first.reserved());
    }

    @Test
    void every_confirmed_demo_order_holds_its_lines_and_the_reserved_stock_matches_them() {
        DemoData data = DemoData.generate(java.time.Instant.now());
        List<DemoData.DemoOrder> confirmed = data.orders().stream()
                .filter(o -> o.status().equals("CONFIRMED"))
                .toList();
        long lines = confirmed.stream().mapToLong(o -> o.lines().size()).sum();
        Map<String, Object> totals = db.sql("""
                        SELECT (SELECT count(*) FROM reservations) AS reservations,
                               (SELECT count(DISTINCT order_id) FROM reservations) AS orders,
                               (SELECT count(*) FROM stock_levels s WHERE s.reserved <> (SELECT coalesce(sum(quantity), 0)
                                    FROM reservations r WHERE r.product_id = s.product_id)) AS mismatched,
                               (SELECT count(*) FROM stock_decisions WHERE decision = 'RESERVED') AS reserved_orders""").fetch().one().block();
        assertThat(((Number) totals.get("reservations")).longValue()).isEqualTo(lines);
        assertThat(((Number) totals.get("orders")).intValue()).isEqualTo(confirmed.size());
        assertThat(((Number) totals.get("mismatched")).intValue()).isZero();
        assertThat(((Number) totals.get("reserved_orders")).longValue())
                .isEqualTo(data.orders().stream()
                        .filter(o ->
                                List.of("CONFIRMED", "SHIPPED", "DELIVERED").contains(o.status()))
                        .count());
    }

    @Test
    void the_demo_catalogue_is_announced_to_the_other_services() {
        Long announced = db.sql(
                        "SELECT count(DISTINCT key) AS n FROM outbox_events WHERE stream = 'catalog' AND type = 'ProductUpserted'")
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
        assertThat(announced).isEqualTo(DemoData.PRODUCTS);
    }
}
