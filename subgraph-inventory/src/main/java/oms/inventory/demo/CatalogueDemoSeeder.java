package oms.inventory.demo;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import oms.inventory.product.CatalogEvents;
import oms.inventory.product.ProductUpserted;
import oms.inventory.stock.StockMovement;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoLine;
import oms.platform.demo.DemoData.DemoOrder;
import oms.platform.demo.DemoData.DemoProduct;
import oms.platform.demo.DemoData.DemoStatusChange;
import oms.platform.demo.DemoSeeder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Seeds the demo catalogue into an empty database: one multi-row statement per table. Ids, SKUs
 * and prices come from the shared demo data set, so the orders subgraph's demo lines match them.
 * The stock of confirmed demo orders is reserved line by line, and the catalogue is announced on the
 * catalog stream like any other product change.
 */
@Component
@ConditionalOnBooleanProperty("oms.demo.seed")
class CatalogueDemoSeeder extends DemoSeeder {

    private final CatalogEvents catalog;

    CatalogueDemoSeeder(DatabaseClient db, TransactionalOperator tx, CatalogEvents catalog) {
        super(db, tx, "products");
        this.catalog = catalog;
    }

    @Override
    protected Mono<String> seed(DemoData data) {
        List<DemoProduct> products = data.products();
        List<DemoOrder> confirmed = data.orders().stream()
                .filter(o -> o.status().equals("CONFIRMED"))
                .toList();
        return insertProducts(products)
                .then(insertStockLevels(products))
                .then(insertMovements(products))
                .then(insertReservations(confirmed))
                .then(insertDecisions(data.orders()))
                .then(catalog.upserted(
                        products.stream().map(CatalogueDemoSeeder::upserted).toList()))
                .thenReturn(products.size() + " demo products, stock reserved for " + confirmed.size()
                        + " confirmed orders");
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
                .fetch()
                .rowsUpdated();
    }

    /** The demo data set already counts the lines of confirmed orders as reserved (and on hand). */
    private Mono<Long> insertStockLevels(List<DemoProduct> p) {
        return db.sql("""
                        INSERT INTO stock_levels (product_id, on_hand, reserved)
                        SELECT * FROM unnest(:ids::uuid[], :onHand::integer[], :reserved::integer[])
                        ON CONFLICT DO NOTHING""")
                .bind("ids", p.stream().map(DemoProduct::id).toArray(UUID[]::new))
                .bind("onHand", p.stream().map(DemoProduct::onHand).toArray(Integer[]::new))
                .bind("reserved", p.stream().map(DemoProduct::reserved).toArray(Integer[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** The opening balance of each product, so that on_hand is the sum of its movements. */
    private Mono<Long> insertMovements(List<DemoProduct> p) {
        return db.sql("""
                        INSERT INTO stock_movements (id, product_id, delta, reason, on_hand_after)
                        SELECT id, product_id, on_hand, :reason, on_hand
                        FROM unnest(:ids::uuid[], :productIds::uuid[], :onHand::integer[]) AS t(id, product_id, on_hand)
                        ON CONFLICT DO NOTHING""")
                .bind(
                        "ids",
                        IntStream.rangeClosed(1, p.size())
                                .mapToObj(n -> DemoData.id("stock-movement", n))
                                .toArray(UUID[]::new))
                .bind("productIds", p.stream().map(DemoProduct::id).toArray(UUID[]::new))
                .bind("onHand", p.stream().map(DemoProduct::onHand).toArray(Integer[]::new))
                .bind("reason", StockMovement.INITIAL_STOCK)
                .fetch()
                .rowsUpdated();
    }

    /** One reservation per line of each confirmed order, made when the order was confirmed. */
    private Mono<Long> insertReservations(List<DemoOrder> confirmed) {
        record Line(DemoOrder order, DemoLine line) {}
        List<Line> lines = confirmed.stream()
                .flatMap(o -> o.lines().stream().map(l -> new Line(o, l)))
                .toList();
        return db.sql("""
                        INSERT INTO reservations (order_id, product_id, quantity, created_at)
                        SELECT order_id, product_id, sum(quantity), min(created_at)
                        FROM unnest(:orderIds::uuid[], :productIds::uuid[], :quantities::integer[], :at::timestamptz[])
                             AS t(order_id, product_id, quantity, created_at)
                        GROUP BY order_id, product_id
                        ON CONFLICT DO NOTHING""")
                .bind("orderIds", column(lines, l -> l.order().id(), UUID[]::new))
                .bind("productIds", column(lines, l -> l.line().productId(), UUID[]::new))
                .bind("quantities", column(lines, l -> l.line().quantity(), Integer[]::new))
                .bind("at", column(lines, l -> utc(decision(l.order()).at()), OffsetDateTime[]::new))
                .fetch()
                .rowsUpdated();
    }

    /**
     * What inventory answered to every demo order that got past PENDING, so that a replayed
     * OrderPlaced of a demo order reserves nothing.
     */
    private Mono<Long> insertDecisions(List<DemoOrder> orders) {
        List<DemoOrder> decided =
                orders.stream().filter(o -> !o.status().equals("PENDING")).toList();
        return db.sql("""
                        INSERT INTO stock_decisions (order_id, decision, decided_at)
                        SELECT * FROM unnest(:ids::uuid[], :decisions::text[], :at::timestamptz[])
                        ON CONFLICT DO NOTHING""")
                .bind("ids", column(decided, DemoOrder::id, UUID[]::new))
                .bind(
                        "decisions",
                        column(
                                decided,
                                o -> decision(o).toStatus().equals("CONFIRMED")
                                        ? "RESERVED"
                                        : decision(o).toStatus(),
                                String[]::new))
                .bind("at", column(decided, o -> utc(decision(o).at()), OffsetDateTime[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** The change that left PENDING: CONFIRMED (stock reserved), REJECTED or CANCELLED. */
    private static DemoStatusChange decision(DemoOrder order) {
        return order.history().stream()
                .filter(change -> "PENDING".equals(change.fromStatus()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Demo order " + order.id() + " never left PENDING"));
    }

    private static ProductUpserted upserted(DemoProduct p) {
        return new ProductUpserted(p.id(), p.sku(), p.name(), p.price().toPlainString(), p.currency(), p.active());
    }
}
