package oms.orders.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoLine;
import oms.platform.demo.DemoData.DemoOrder;
import oms.platform.demo.DemoData.DemoStatusChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Seeds the demo orders, lines and histories into an empty database: one statement per table. */
@Component
@ConditionalOnBooleanProperty("oms.demo.seed")
class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    DemoSeeder(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long existing = db.sql("SELECT count(*) AS n FROM orders").map(r -> r.get("n", Long.class)).one().block();
        if (existing != null && existing > 0) {
            return;
        }
        List<DemoOrder> orders = DemoData.generate(Instant.now()).orders();
        insertOrders(orders)
                .then(insertLines(orders))
                .then(insertHistory(orders))
                .then(db.sql("SELECT setval('order_number_seq', (SELECT max(number) FROM orders))").fetch().rowsUpdated())
                .as(tx::transactional)
                .block();
        log.info("Seeded {} demo orders", orders.size());
    }

    private Mono<Long> insertOrders(List<DemoOrder> o) {
        return db.sql("""
                        INSERT INTO orders (id, number, customer_id, status, payment_status, payment_method, currency,
                                            subtotal, item_count, ship_line1, ship_city, ship_postal_code, ship_country,
                                            placed_at, updated_at, version)
                        SELECT id, number, customer_id, status, payment_status, payment_method, 'EUR', subtotal,
                               item_count, line1, city, postal_code, country, placed_at, updated_at, version
                        FROM unnest(:ids::uuid[], :numbers::bigint[], :customerIds::uuid[], :statuses::text[],
                                    :paymentStatuses::text[], :paymentMethods::text[], :subtotals::numeric[],
                                    :itemCounts::int[], :line1::text[], :cities::text[], :postalCodes::text[],
                                    :countries::text[], :placedAt::timestamptz[], :updatedAt::timestamptz[], :versions::int[])
                             AS t(id, number, customer_id, status, payment_status, payment_method, subtotal, item_count,
                                  line1, city, postal_code, country, placed_at, updated_at, version)""")
                .bind("ids", array(o, DemoOrder::id, UUID[]::new))
                .bind("numbers", array(o, DemoOrder::number, Long[]::new))
                .bind("customerIds", array(o, DemoOrder::customerId, UUID[]::new))
                .bind("statuses", array(o, DemoOrder::status, String[]::new))
                .bind("paymentStatuses", array(o, DemoOrder::paymentStatus, String[]::new))
                .bind("paymentMethods", array(o, DemoOrder::paymentMethod, String[]::new))
                .bind("subtotals", array(o, DemoSeeder::subtotal, BigDecimal[]::new))
                .bind("itemCounts", array(o, x -> x.lines().stream().mapToInt(DemoLine::quantity).sum(), Integer[]::new))
                .bind("line1", array(o, x -> x.shippingAddress().line1(), String[]::new))
                .bind("cities", array(o, x -> x.shippingAddress().city(), String[]::new))
                .bind("postalCodes", array(o, x -> x.shippingAddress().postalCode(), String[]::new))
                .bind("countries", array(o, x -> x.shippingAddress().country(), String[]::new))
                .bind("placedAt", array(o, x -> utc(x.placedAt()), OffsetDateTime[]::new))
                .bind("updatedAt", array(o, x -> utc(x.history().getLast().at()), OffsetDateTime[]::new))
                .bind("versions", array(o, x -> x.history().size(), Integer[]::new))
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertLines(List<DemoOrder> orders) {
        record Row(UUID orderId, int lineNo, DemoLine line) {}
        List<Row> rows = orders.stream()
                .flatMap(o -> java.util.stream.IntStream.range(0, o.lines().size())
                        .mapToObj(i -> new Row(o.id(), i + 1, o.lines().get(i))))
                .toList();
        return db.sql("""
                        INSERT INTO order_lines (id, order_id, line_no, product_id, sku, product_name, quantity, unit_price)
                        SELECT * FROM unnest(:ids::uuid[], :orderIds::uuid[], :lineNos::int[], :productIds::uuid[],
                                             :skus::text[], :names::text[], :quantities::int[], :prices::numeric[])""")
                .bind("ids", array(rows, r -> DemoData.id("line:" + r.orderId(), r.lineNo()), UUID[]::new))
                .bind("orderIds", array(rows, Row::orderId, UUID[]::new))
                .bind("lineNos", array(rows, Row::lineNo, Integer[]::new))
                .bind("productIds", array(rows, r -> r.line().productId(), UUID[]::new))
                .bind("skus", array(rows, r -> r.line().sku(), String[]::new))
                .bind("names", array(rows, r -> r.line().productName(), String[]::new))
                .bind("quantities", array(rows, r -> r.line().quantity(), Integer[]::new))
                .bind("prices", array(rows, r -> r.line().unitPrice(), BigDecimal[]::new))
                .fetch().rowsUpdated();
    }

    private Mono<Long> insertHistory(List<DemoOrder> orders) {
        record Row(UUID orderId, DemoStatusChange change) {}
        List<Row> rows = orders.stream().flatMap(o -> o.history().stream().map(h -> new Row(o.id(), h))).toList();
        return db.sql("""
                        INSERT INTO order_status_history (order_id, version, from_status, to_status, actor, reason, at)
                        SELECT * FROM unnest(:orderIds::uuid[], :versions::int[], :froms::text[], :tos::text[],
                                             :actors::text[], :reasons::text[], :ats::timestamptz[])""")
                .bind("orderIds", array(rows, Row::orderId, UUID[]::new))
                .bind("versions", array(rows, r -> r.change().version(), Integer[]::new))
                .bind("froms", array(rows, r -> r.change().fromStatus(), String[]::new))
                .bind("tos", array(rows, r -> r.change().toStatus(), String[]::new))
                .bind("actors", array(rows, r -> r.change().actor(), String[]::new))
                .bind("reasons", array(rows, r -> r.change().reason(), String[]::new))
                .bind("ats", array(rows, r -> utc(r.change().at()), OffsetDateTime[]::new))
                .fetch().rowsUpdated();
    }

    private static BigDecimal subtotal(DemoOrder o) {
        return o.lines().stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static <T, R> R[] array(List<T> rows, Function<T, R> column, java.util.function.IntFunction<R[]> factory) {
        return rows.stream().map(column).toArray(factory);
    }
}
