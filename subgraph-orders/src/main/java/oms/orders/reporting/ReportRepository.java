package oms.orders.reporting;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import oms.orders.order.Money;
import oms.orders.order.OrderStatus;
import oms.orders.reporting.ReportRows.CustomerSales;
import oms.orders.reporting.ReportRows.FulfilmentStage;
import oms.orders.reporting.ReportRows.LeadTime;
import oms.orders.reporting.ReportRows.ProductSales;
import oms.orders.reporting.ReportRows.ReasonCount;
import oms.orders.reporting.ReportRows.SalesPeriod;
import oms.orders.reporting.ReportRows.StatusCount;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Sales reports as SQL aggregates over the orders, their lines and their status history: always
 * exact and current (no read model to lag behind or rebuild; the fulfilment times on each order are
 * written in the transaction of the status change), and fast enough for ranges of hundreds of
 * thousands of orders (see `./oms bench reports`).
 */
@Repository
class ReportRepository {

    /** Orders that count as sales: not refused, not called off. */
    private static final String SOLD = "o.status NOT IN ('REJECTED', 'CANCELLED')";

    private final DatabaseClient db;

    ReportRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<SalesPeriod>> sales(ReportRange range) {
        String start =
                "date_trunc('" + range.interval().unit() + "', o.placed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'";
        return query(
                        range,
                        "SELECT " + start + " AS start, o.currency, count(*) AS orders, sum(o.subtotal) AS revenue"
                                + " FROM orders o WHERE " + where(range) + " AND " + SOLD
                                + " GROUP BY 1, 2 ORDER BY 1, 2")
                .map(r -> new SalesPeriod(
                        r.get("start", OffsetDateTime.class),
                        count(r, "orders"),
                        new Money(r.get("revenue", BigDecimal.class), r.get("currency", String.class))))
                .all()
                .collectList();
    }

    Mono<List<SalesPeriod>> totals(ReportRange range) {
        return query(
                        range,
                        "SELECT o.currency, count(*) AS orders, sum(o.subtotal) AS revenue FROM orders o WHERE "
                                + where(range) + " AND " + SOLD + " GROUP BY o.currency ORDER BY o.currency")
                .map(r -> new SalesPeriod(
                        range.from(),
                        count(r, "orders"),
                        new Money(r.get("revenue", BigDecimal.class), r.get("currency", String.class))))
                .all()
                .collectList();
    }

    Mono<List<StatusCount>> ordersByStatus(ReportRange range) {
        return query(
                        range,
                        "SELECT o.status, count(*) AS orders FROM orders o WHERE " + where(range)
                                + " GROUP BY o.status ORDER BY o.status")
                .map(r -> new StatusCount(OrderStatus.valueOf(r.get("status", String.class)), count(r, "orders")))
                .all()
                .collectList();
    }

    /** An order has each product on one line at most (placement refuses DUPLICATE_ITEM): lines count orders. */
    Mono<List<ProductSales>> topProducts(ReportRange range, Ranking by, int first) {
        String sql = """
                WITH per_currency AS (
                  SELECT l.product_id, o.currency, max(l.sku) AS sku, max(l.product_name) AS product_name,
                         sum(l.quantity) AS units, count(*) AS orders, sum(l.quantity * l.unit_price) AS revenue
                  FROM order_lines l JOIN orders o ON o.id = l.order_id
                  WHERE %s AND %s GROUP BY l.product_id, o.currency)
                SELECT product_id, max(sku) AS sku, max(product_name) AS product_name, sum(units) AS units,
                       sum(orders) AS orders, sum(revenue) AS revenue,
                       string_agg(currency || ':' || revenue::text, ',' ORDER BY currency) AS revenues
                FROM per_currency GROUP BY product_id ORDER BY %s DESC, product_id LIMIT :first""".formatted(where(range), SOLD, by.column());
        return query(range, sql)
                .bind("first", first)
                .map(r -> new ProductSales(
                        r.get("product_id", UUID.class),
                        r.get("sku", String.class),
                        r.get("product_name", String.class),
                        count(r, "units"),
                        count(r, "orders"),
                        amounts(r.get("revenues", String.class))))
                .all()
                .collectList();
    }

    Mono<List<CustomerSales>> topCustomers(ReportRange range, Ranking by, int first) {
        if (by == Ranking.UNITS) {
            by = Ranking.ORDERS; // a customer's units across products mean little: rank by orders
        }
        String sql = """
                WITH per_currency AS (
                  SELECT o.customer_id, o.currency, count(*) AS orders, sum(o.subtotal) AS revenue
                  FROM orders o WHERE %s AND %s GROUP BY o.customer_id, o.currency)
                SELECT customer_id, sum(orders) AS orders, sum(revenue) AS revenue,
                       string_agg(currency || ':' || revenue::text, ',' ORDER BY currency) AS revenues
                FROM per_currency GROUP BY customer_id ORDER BY %s DESC, customer_id LIMIT :first""".formatted(where(range), SOLD, by.column());
        return query(range, sql)
                .bind("first", first)
                .map(r -> new CustomerSales(
                        r.get("customer_id", UUID.class), count(r, "orders"), amounts(r.get("revenues", String.class))))
                .all()
                .collectList();
    }

    /** From the fulfilment times that StatusLog stamps on each order: one scan of the orders in range. */
    Mono<List<LeadTime>> leadTimes(ReportRange range) {
        String sql = "SELECT %s, %s, %s, %s FROM orders o WHERE %s"
                .formatted(
                        stage("confirmed_at", "placed_at", "c"),
                        stage("shipped_at", "confirmed_at", "s"),
                        stage("delivered_at", "shipped_at", "d"),
                        stage("delivered_at", "placed_at", "pd"),
                        where(range));
        return query(range, sql)
                .map(r -> List.of(
                        leadTime(r, FulfilmentStage.PLACED_TO_CONFIRMED, "c"),
                        leadTime(r, FulfilmentStage.CONFIRMED_TO_SHIPPED, "s"),
                        leadTime(r, FulfilmentStage.SHIPPED_TO_DELIVERED, "d"),
                        leadTime(r, FulfilmentStage.PLACED_TO_DELIVERED, "pd")))
                .one();
    }

    Mono<List<ReasonCount>> rejectionReasons(ReportRange range, int first) {
        return query(
                        range,
                        "SELECT coalesce(nullif(h.reason, ''), '(no reason given)') AS reason, count(*) AS orders"
                                + " FROM order_status_history h JOIN orders o ON o.id = h.order_id"
                                + " WHERE h.to_status = 'REJECTED' AND " + where(range)
                                + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT :first")
                .bind("first", first)
                .map(r -> new ReasonCount(r.get("reason", String.class), count(r, "orders")))
                .all()
                .collectList();
    }

    enum Ranking {
        UNITS("sum(units)"),
        ORDERS("sum(orders)"),
        REVENUE("sum(revenue)");

        private final String column;

        Ranking(String column) {
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    private static String where(ReportRange range) {
        return "o.placed_at >= :from AND o.placed_at < :to"
                + (range.currency() == null ? "" : " AND o.currency = :currency");
    }

    private GenericExecuteSpec query(ReportRange range, String sql) {
        GenericExecuteSpec spec = db.sql(sql).bind("from", range.from()).bind("to", range.to());
        return range.currency() == null ? spec : spec.bind("currency", range.currency());
    }

    private static String stage(String end, String begin, String alias) {
        String interval = "o." + end + " - o." + begin;
        String seconds = "date_part('epoch', " + interval + ")"; // a double: sorts faster than extract's numeric
        // both percentiles from one sort
        return "count(" + interval + ") AS " + alias + "_n, "
                + "percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY " + seconds + ") AS " + alias + "_p";
    }

    private static LeadTime leadTime(Readable r, FulfilmentStage stage, String alias) {
        Double[] p = r.get(alias + "_p", Double[].class);
        return new LeadTime(stage, count(r, alias + "_n"), p == null ? null : p[0], p == null ? null : p[1]);
    }

    private static int count(Readable r, String column) {
        Number n = r.get(column, Number.class);
        return n == null ? 0 : n.intValue();
    }

    /** "EUR:12.50,USD:3.00" → amounts. */
    private static List<Money> amounts(String revenues) {
        List<Money> amounts = new ArrayList<>();
        for (String part : revenues.split(",")) {
            int colon = part.indexOf(':');
            amounts.add(new Money(new BigDecimal(part.substring(colon + 1)), part.substring(0, colon)));
        }
        return amounts;
    }
}
