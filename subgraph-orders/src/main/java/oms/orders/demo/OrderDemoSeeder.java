package oms.orders.demo;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import oms.orders.order.OrderStatus;
import oms.orders.tracking.StatusEvent;
import oms.orders.tracking.StatusLog;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoLine;
import oms.platform.demo.DemoData.DemoOrder;
import oms.platform.demo.DemoSeeder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Seeds the demo orders, lines and histories into an empty database: one statement per table. */
@Component
@ConditionalOnBooleanProperty("oms.demo.seed")
class OrderDemoSeeder extends DemoSeeder {

    private final StatusLog statusLog;

    OrderDemoSeeder(DatabaseClient db, TransactionalOperator tx, StatusLog statusLog) {
        super(db, tx, "orders");
        this.statusLog = statusLog;
    }

    @Override
    protected Mono<String> seed(DemoData data) {
        List<DemoOrder> orders = data.orders();
        return insertOrders(orders)
                .then(insertLines(orders))
                .then(insertHistory(orders))
                .then(db.sql("SELECT setval('order_number_seq', (SELECT max(number) FROM orders))")
                        .fetch()
                        .rowsUpdated())
                .thenReturn(orders.size() + " demo orders");
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
                .bind("ids", column(o, DemoOrder::id, UUID[]::new))
                .bind("numbers", column(o, DemoOrder::number, Long[]::new))
                .bind("customerIds", column(o, DemoOrder::customerId, UUID[]::new))
                .bind("statuses", column(o, DemoOrder::status, String[]::new))
                .bind("paymentStatuses", column(o, DemoOrder::paymentStatus, String[]::new))
                .bind("paymentMethods", column(o, DemoOrder::paymentMethod, String[]::new))
                .bind("subtotals", column(o, OrderDemoSeeder::subtotal, BigDecimal[]::new))
                .bind(
                        "itemCounts",
                        column(
                                o,
                                x -> x.lines().stream()
                                        .mapToInt(DemoLine::quantity)
                                        .sum(),
                                Integer[]::new))
                .bind("line1", column(o, x -> x.shippingAddress().line1(), String[]::new))
                .bind("cities", column(o, x -> x.shippingAddress().city(), String[]::new))
                .bind("postalCodes", column(o, x -> x.shippingAddress().postalCode(), String[]::new))
                .bind("countries", column(o, x -> x.shippingAddress().country(), String[]::new))
                .bind("placedAt", column(o, x -> utc(x.placedAt()), OffsetDateTime[]::new))
                .bind("updatedAt", column(o, x -> utc(x.history().getLast().at()), OffsetDateTime[]::new))
                .bind("versions", column(o, x -> x.history().size(), Integer[]::new))
                .fetch()
                .rowsUpdated();
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
                .bind("ids", column(rows, r -> DemoData.id("line:" + r.orderId(), r.lineNo()), UUID[]::new))
                .bind("orderIds", column(rows, Row::orderId, UUID[]::new))
                .bind("lineNos", column(rows, Row::lineNo, Integer[]::new))
                .bind("productIds", column(rows, r -> r.line().productId(), UUID[]::new))
                .bind("skus", column(rows, r -> r.line().sku(), String[]::new))
                .bind("names", column(rows, r -> r.line().productName(), String[]::new))
                .bind("quantities", column(rows, r -> r.line().quantity(), Integer[]::new))
                .bind("prices", column(rows, r -> r.line().unitPrice(), BigDecimal[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** Through the status feed like every other change, oldest first, so that feed order follows time. */
    private Mono<List<StatusEvent>> insertHistory(List<DemoOrder> orders) {
        List<StatusLog.Entry> entries = orders.stream()
                .flatMap(o -> o.history().stream()
                        .map(h -> new StatusLog.Entry(
                                o.id(),
                                h.version(),
                                h.fromStatus() == null ? null : OrderStatus.valueOf(h.fromStatus()),
                                OrderStatus.valueOf(h.toStatus()),
                                h.actor(),
                                h.reason(),
                                utc(h.at()))))
                .sorted(Comparator.comparing(StatusLog.Entry::at).thenComparing(StatusLog.Entry::version))
                .toList();
        return statusLog.record(entries);
    }

    private static BigDecimal subtotal(DemoOrder o) {
        return o.lines().stream()
                .map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
