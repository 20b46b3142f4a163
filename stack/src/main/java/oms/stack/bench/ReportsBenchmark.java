package oms.stack.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.stack.OmsStack;
import oms.stack.StackOptions;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LocalPostgres;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./oms bench reports}: Query.salesReport over 100,000 orders (a year of 2019, written straight
 * into the orders database: two lines and two to four status changes each) through the router as a
 * sales user, whole and part by part, against the floor of one plain aggregate over the same rows
 * over JDBC, in alternating rounds after a warm-up, on one throw-away stack.
 */
public final class ReportsBenchmark {

    private static final int ORDERS = 100_000;
    private static final int WARM_UP = 3;
    private static final int ROUNDS = 10;
    private static final String RANGE = "from: \"2019-01-01T00:00:00Z\", to: \"2020-01-01T00:00:00Z\"";
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put(
                "whole report (DAY)",
                "{ salesReport(" + RANGE + ", interval: DAY) { sales { start orders revenue { amount currency } }"
                        + " totals { orders revenue { amount } } ordersByStatus { status count } topProducts { sku units }"
                        + " topCustomers { orders } leadTimes { stage p50Seconds p90Seconds } rejectionReasons { reason count } } }");
        QUERIES.put(
                "sales per week",
                "{ salesReport(" + RANGE + ", interval: WEEK) { sales { start orders revenue { amount } } } }");
        QUERIES.put("top products", "{ salesReport(" + RANGE + ") { topProducts(first: 10) { sku units orders } } }");
        QUERIES.put(
                "lead times", "{ salesReport(" + RANGE + ") { leadTimes { stage orders p50Seconds p90Seconds } } }");
    }

    private ReportsBenchmark() {}

    public static void run(Path project) throws IOException, SQLException {
        System.out.println("Starting a throw-away stack for the benchmark ...");
        try (OmsStack stack = OmsStack.start(StackOptions.forTests(project));
                Connection db = DriverManager.getConnection(
                        stack.postgres().jdbcUrl("oms_orders"), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            long started = System.nanoTime();
            seed(db);
            System.out.printf(
                    "Wrote %,d orders of 2019 (lines and history) in %.1f s%n",
                    ORDERS, (System.nanoTime() - started) / 1e9);
            GraphQlClient sales = new GraphQlClient(stack.routerUrl()).withBearer(stack.token("sam"));
            Map<String, List<Double>> times = new LinkedHashMap<>();
            QUERIES.keySet().forEach(k -> times.put(k, new ArrayList<>()));
            times.put("floor: one SQL aggregate (JDBC)", new ArrayList<>());
            for (int round = 0; round < WARM_UP + ROUNDS; round++) {
                for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                    long t = System.nanoTime();
                    JsonNode answer = sales.execute(query.getValue());
                    double ms = (System.nanoTime() - t) / 1e6;
                    if (answer.has("errors")) {
                        throw new IllegalStateException(query.getKey() + ": " + answer.get("errors"));
                    }
                    if (round >= WARM_UP) {
                        times.get(query.getKey()).add(ms);
                    }
                }
                long t = System.nanoTime();
                try (Statement s = db.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT date_trunc('day', placed_at), currency, count(*), sum(subtotal) FROM orders"
                                        + " WHERE placed_at >= '2019-01-01' AND placed_at < '2020-01-01' GROUP BY 1, 2")) {
                    while (rs.next()) {
                        rs.getLong(3);
                    }
                }
                if (round >= WARM_UP) {
                    times.get("floor: one SQL aggregate (JDBC)").add((System.nanoTime() - t) / 1e6);
                }
            }
            double floor = median(times.get("floor: one SQL aggregate (JDBC)"));
            System.out.printf(
                    "%nsalesReport over %,d orders, %d rounds after %d warm-up (alternating)%n",
                    ORDERS, ROUNDS, WARM_UP);
            System.out.printf("%-34s %9s %9s %9s %8s%n", "", "p50 ms", "min ms", "max ms", "× floor");
            times.forEach((name, list) -> System.out.printf(
                    "%-34s %9.1f %9.1f %9.1f %8.1f%n",
                    name, median(list), Collections.min(list), Collections.max(list), median(list) / floor));
        }
    }

    private static double median(List<Double> values) {
        long[] micros =
                values.stream().mapToLong(ms -> Math.round(ms * 1000)).sorted().toArray();
        return LoadRun.percentile(micros, 0.50) / 1000.0;
    }

    /** 100,000 orders spread over 2019, 80 % confirmed or later, 10 % rejected, 10 % cancelled. */
    private static void seed(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE bench_orders AS
                    SELECT gen_random_uuid() AS id, n, gen_random_uuid() AS customer_id,
                           timestamptz '2019-01-01' + (n * interval '315 seconds') AS placed_at,
                           CASE WHEN n % 10 = 0 THEN 'REJECTED' WHEN n % 10 = 1 THEN 'CANCELLED'
                                WHEN n % 10 < 5 THEN 'DELIVERED' WHEN n % 10 < 7 THEN 'SHIPPED' ELSE 'CONFIRMED' END AS status
                    FROM generate_series(1, """ + ORDERS + ") n");
            s.execute("""
                    INSERT INTO orders (id, customer_id, status, payment_status, payment_method, currency, subtotal, item_count,
                                        ship_line1, ship_city, ship_postal_code, ship_country, placed_at, version)
                    SELECT id, customer_id, status, 'PAID', 'CARD', CASE WHEN n % 7 = 0 THEN 'USD' ELSE 'EUR' END,
                           (n % 50) * 2 + 10, 3, '1 Bench Street', 'Berlin', '10115', 'DE', placed_at, 2
                    FROM bench_orders""");
            s.execute("""
                    INSERT INTO order_lines (id, order_id, line_no, product_id, sku, product_name, quantity, unit_price)
                    SELECT gen_random_uuid(), id, line, ('00000000-0000-0000-0000-' || lpad(((n * line) % 200)::text, 12, '0'))::uuid,
                           'BENCH-' || ((n * line) % 200), 'Bench part', line, (n % 50) + 5
                    FROM bench_orders, generate_series(1, 2) line""");
            s.execute("""
                    INSERT INTO order_status_history (order_id, version, from_status, to_status, actor, at, seq, reason)
                    SELECT id, 1, NULL, 'PENDING', 'bench', placed_at, -(n * 10 + 1) - 1000000000, NULL FROM bench_orders
                    UNION ALL
                    SELECT id, 2, 'PENDING', CASE WHEN status = 'REJECTED' THEN 'REJECTED' ELSE 'CONFIRMED' END, 'bench',
                           placed_at + (n % 90 + 1) * interval '1 second', -(n * 10 + 2) - 1000000000,
                           CASE WHEN status = 'REJECTED' THEN 'Not enough stock of BENCH-' || (n % 5) END FROM bench_orders
                    UNION ALL
                    SELECT id, 3, 'CONFIRMED', CASE WHEN status = 'CANCELLED' THEN 'CANCELLED' ELSE 'SHIPPED' END, 'bench',
                           placed_at + (n % 48 + 2) * interval '1 hour', -(n * 10 + 3) - 1000000000, NULL
                    FROM bench_orders WHERE status IN ('CANCELLED', 'SHIPPED', 'DELIVERED')
                    UNION ALL
                    SELECT id, 4, 'SHIPPED', 'DELIVERED', 'bench', placed_at + (n % 5 + 2) * interval '1 day',
                           -(n * 10 + 4) - 1000000000, NULL FROM bench_orders WHERE status = 'DELIVERED'""");
            // the fulfilment times that the status log stamps on each order (as migration V6 fills them)
            s.execute("""
                    UPDATE orders o SET confirmed_at = r.confirmed, shipped_at = r.shipped, delivered_at = r.delivered
                    FROM (SELECT order_id, min(at) FILTER (WHERE to_status = 'CONFIRMED') AS confirmed,
                                 min(at) FILTER (WHERE to_status = 'SHIPPED') AS shipped,
                                 min(at) FILTER (WHERE to_status = 'DELIVERED') AS delivered
                          FROM order_status_history WHERE actor = 'bench' GROUP BY order_id) r
                    WHERE r.order_id = o.id""");
            s.execute("VACUUM ANALYZE orders");
            s.execute("ANALYZE order_lines");
            s.execute("ANALYZE order_status_history");
        }
    }
}
