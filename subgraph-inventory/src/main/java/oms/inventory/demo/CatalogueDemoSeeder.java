package oms.inventory.demo;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import oms.inventory.stock.StockMovement;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoSeeder;
import oms.platform.demo.DemoData.DemoProduct;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Seeds the demo catalogue into an empty database: one multi-row statement per table. Ids, SKUs
 * and prices come from the shared demo data set, so the orders subgraph's demo lines match them.
 */
@Component
@ConditionalOnBooleanProperty("oms.demo.seed")
class CatalogueDemoSeeder extends DemoSeeder {

    CatalogueDemoSeeder(DatabaseClient db, TransactionalOperator tx) {
        super(db, tx, "products");
    }

    @Override
    protected Mono<String> seed(DemoData data) {
        List<DemoProduct> products = data.products();
        return insertProducts(products).then(insertStockLevels(products)).then(insertMovements(products))
                .thenReturn(products.size() + " demo products");
    }

    private Mono<Long> insertProducts(List<DemoProduct> p) {
        return db.sql("""
                        INSERT INTO products (id, sku, name, description, price, currency, active)
                        SELECT * FROM unnest(:ids::uuid[], :skus::text[], :names::text[], :descriptions::text[],
                                             :prices::numeric[], :currencies::text[], :active::boolean[])
                        ON CONFLICT DO NOTHING""")
                .bind("ids", p.stream().map(DemoProduct::id).toArray(UUID[]::new))
                .bind("skus", p.stream().map(DemoProduct::sku).toArray(String[]::new))
                .bind("names", p.stream().map(DemoProduct::name).toArray(String[]::new))
                .bind("descriptions", p.stream().map(DemoProduct::description).toArray(String[]::new))
                .bind("prices", p.stream().map(DemoProduct::price).toArray(BigDecimal[]::new))
                .bind("currencies", p.stream().map(DemoProduct::currency).toArray(String[]::new))
                .bind("active", p.stream().map(DemoProduct::active).toArray(Boolean[]::new))
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertStockLevels(List<DemoProduct> p) {
        return db.sql("""
                        INSERT INTO stock_levels (product_id, on_hand, reserved)
                        SELECT * FROM unnest(:ids::uuid[], :onHand::integer[], :reserved::integer[])
                        ON CONFLICT DO NOTHING""")
                .bind("ids", p.stream().map(DemoProduct::id).toArray(UUID[]::new))
                .bind("onHand", p.stream().map(DemoProduct::onHand).toArray(Integer[]::new))
                .bind("reserved", p.stream().map(DemoProduct::reserved).toArray(Integer[]::new))
                .fetch().rowsUpdated();
    }

    /** The opening balance of each product, so that on_hand is the sum of its movements. */
    private Mono<Long> insertMovements(List<DemoProduct> p) {
        return db.sql("""
                        INSERT INTO stock_movements (id, product_id, delta, reason, on_hand_after)
                        SELECT id, product_id, on_hand, :reason, on_hand
                        FROM unnest(:ids::uuid[], :productIds::uuid[], :onHand::integer[]) AS t(id, product_id, on_hand)
                        ON CONFLICT DO NOTHING""")
                .bind("ids", IntStream.rangeClosed(1, p.size()).mapToObj(n -> DemoData.id("stock-movement", n)).toArray(UUID[]::new))
                .bind("productIds", p.stream().map(DemoProduct::id).toArray(UUID[]::new))
                .bind("onHand", p.stream().map(DemoProduct::onHand).toArray(Integer[]::new))
                .bind("reason", StockMovement.INITIAL_STOCK)
                .fetch().rowsUpdated();
    }
}
