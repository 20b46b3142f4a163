package oms.orders.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.orders.order.OrderStatus;
import oms.orders.tracking.StatusLog;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

/**
 * Sales reports over orders with known figures in March 2001 (a range no other test places orders
 * in), written straight into the database, their status changes through the status log: exact sums,
 * counts, rankings and percentiles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportIT extends SubgraphIT {

    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID P1 = UUID.randomUUID();
    private static final UUID P2 = UUID.randomUUID();
    private static final Map<String, Object> MARCH =
            Map.of("from", "2001-03-01T00:00:00Z", "to", "2001-04-01T00:00:00Z");

    @Autowired
    private DatabaseClient db;

    @Autowired
    private StatusLog statusLog;

    @BeforeAll
    void orders() {
        // placed, customer, status, currency, lines (product, quantity, price), then seconds after placement per step
        order(
                "2001-03-05T10:00:00Z",
                ALICE,
                "EUR",
                List.of(line(P1, 2, "5.00")),
                step("PENDING", 0, null),
                step("CONFIRMED", 60, null),
                step("SHIPPED", 3_600, null),
                step("DELIVERED", 86_400, null));
        order(
                "2001-03-06T10:00:00Z",
                ALICE,
                "EUR",
                List.of(line(P1, 1, "5.00"), line(P2, 1, "25.00")),
                step("PENDING", 0, null),
                step("CONFIRMED", 120, null));
        order(
                "2001-03-06T12:00:00Z",
                BOB,
                "USD",
                List.of(line(P2, 1, "7.00")),
                step("PENDING", 0, null),
                step("CONFIRMED", 180, null));
        order(
                "2001-03-07T09:00:00Z",
                BOB,
                "EUR",
                List.of(line(P1, 10, "5.00")),
                step("PENDING", 0, null),
                step("REJECTED", 5, "Not enough stock"));
        order(
                "2001-03-13T09:00:00Z",
                ALICE,
                "EUR",
                List.of(line(P2, 1, "20.00")),
                step("PENDING", 0, null),
                step("CONFIRMED", 60, null),
                step("CANCELLED", 600, "Changed my mind"));
        // outside the range: never counted
        order("2001-04-01T00:00:00Z", BOB, "EUR", List.of(line(P1, 100, "5.00")), step("PENDING", 0, null));
    }

    @Test
    void sales_per_day_week_and_in_total_count_orders_not_rejected_or_cancelled() {
        JsonNode daily =
                report("sales { start orders revenue { amount currency } averageOrderValue { amount } }", "DAY", null);
        assertThat(rows(daily.at("/sales"), "start", "orders", "revenue/amount", "revenue/currency"))
                .containsExactly(
                        "2001-03-05T00:00:00.000Z 1 10.00 EUR",
                        "2001-03-06T00:00:00.000Z 1 30.00 EUR",
                        "2001-03-06T00:00:00.000Z 1 7.00 USD");
        JsonNode weekly =
                report("sales { start orders revenue { amount currency } averageOrderValue { amount } }", "WEEK", null);
        assertThat(rows(
                        weekly.at("/sales"),
                        "start",
                        "orders",
                        "revenue/amount",
                        "averageOrderValue/amount",
                        "revenue/currency"))
                .containsExactly(
                        "2001-03-05T00:00:00.000Z 2 40.00 20.00 EUR", "2001-03-05T00:00:00.000Z 1 7.00 7.00 USD");
        JsonNode totals = report("totals { start orders revenue { amount currency } }", "MONTH", null);
        assertThat(rows(totals.at("/totals"), "orders", "revenue/amount", "revenue/currency"))
                .containsExactly("2 40.00 EUR", "1 7.00 USD");
        assertThat(rows(
                        report("totals { orders revenue { amount } }", "DAY", "usd")
                                .at("/totals"),
                        "orders",
                        "revenue/amount"))
                .as("one currency only")
                .containsExactly("1 7.00");
    }

    @Test
    void orders_by_status_rejection_reasons_and_lead_times() {
        JsonNode report = report("""
                ordersByStatus { status count } rejectionReasons { reason count }
                leadTimes { stage orders p50Seconds p90Seconds }""", "DAY", null);
        assertThat(rows(report.at("/ordersByStatus"), "status", "count"))
                .containsExactly("CANCELLED 1", "CONFIRMED 2", "DELIVERED 1", "REJECTED 1");
        assertThat(rows(report.at("/rejectionReasons"), "reason", "count")).containsExactly("Not enough stock 1");
        // confirmed after 60, 120, 180 and 60 s: median 90, 90th percentile (interpolated) 162
        assertThat(rows(report.at("/leadTimes"), "stage", "orders", "p50Seconds", "p90Seconds"))
                .containsExactly(
                        "PLACED_TO_CONFIRMED 4 90.0 162.0", "CONFIRMED_TO_SHIPPED 1 3540.0 3540.0",
                        "SHIPPED_TO_DELIVERED 1 82800.0 82800.0", "PLACED_TO_DELIVERED 1 86400.0 86400.0");
    }

    @Test
    void top_products_and_customers_by_units_orders_and_revenue() {
        JsonNode byUnits =
                report("topProducts { product { id } units orders revenue { amount currency } }", "DAY", null);
        assertThat(rows(byUnits.at("/topProducts"), "product/id", "units", "orders"))
                .containsExactly(P1 + " 3 2", P2 + " 2 2");
        assertThat(rows(byUnits.at("/topProducts/1/revenue"), "amount", "currency"))
                .containsExactly("25.00 EUR", "7.00 USD");
        JsonNode byRevenue =
                report("topProducts(by: REVENUE, first: 1) { product { id } revenue { amount } }", "DAY", "EUR");
        assertThat(rows(byRevenue.at("/topProducts"), "product/id", "revenue/0/amount"))
                .containsExactly(P2 + " 25.00");
        JsonNode customers = report("topCustomers { customer { id } orders revenue { amount currency } }", "DAY", null);
        assertThat(rows(
                        customers.at("/topCustomers"),
                        "customer/id",
                        "orders",
                        "revenue/0/amount",
                        "revenue/0/currency"))
                .containsExactly(ALICE + " 2 40.00 EUR", BOB + " 1 7.00 USD");
    }

    @Test
    void bad_ranges_and_rankings_get_specific_errors_and_customers_are_refused() {
        assertThat(
                        code(
                                "{ salesReport(from: \"2001-03-02T00:00:00Z\", to: \"2001-03-01T00:00:00Z\") { totals { orders } } }"))
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(
                        code(
                                "{ salesReport(from: \"1990-01-01T00:00:00Z\", to: \"2020-01-01T00:00:00Z\", interval: MONTH) { totals { orders } } }"))
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(
                        code(
                                "{ salesReport(from: \"2001-03-01T00:00:00Z\", to: \"2001-04-01T00:00:00Z\") { topProducts(by: REVENUE) { units } } }"))
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(
                        code(
                                "{ salesReport(from: \"2001-03-01T00:00:00Z\", to: \"2001-04-01T00:00:00Z\") { topProducts(first: 1000) { units } } }"))
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(
                        code(
                                "{ salesReport(from: \"2001-03-01T00:00:00Z\", to: \"2001-04-01T00:00:00Z\", currency: \"E1\") { totals { orders } } }"))
                .isEqualTo("INVALID_ARGUMENT");
        JsonNode asCustomer = as(TestTokens.customer(ALICE))
                .execute(
                        "{ salesReport(from: \"2001-03-01T00:00:00Z\", to: \"2001-04-01T00:00:00Z\") { totals { orders } } }");
        assertThat(asCustomer.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
        JsonNode asWarehouse = as(TestTokens.staff("warehouse"))
                .execute(
                        "{ salesReport(from: \"2001-03-01T00:00:00Z\", to: \"2001-04-01T00:00:00Z\") { totals { orders } } }");
        assertThat(asWarehouse.at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
        JsonNode asSales = as(TestTokens.staff("sales"))
                .execute(
                        "{ salesReport(from: \"2001-03-01T00:00:00Z\", to: \"2001-04-01T00:00:00Z\") { totals { orders } } }");
        assertThat(asSales.has("errors")).as(asSales.toString()).isFalse();
    }

    private String code(String query) {
        JsonNode answer = execute(query);
        assertThat(answer.has("errors")).as(answer.toString()).isTrue();
        return answer.at("/errors/0/extensions/code").asString();
    }

    private JsonNode report(String selection, String interval, String currency) {
        Map<String, Object> variables = new java.util.HashMap<>(MARCH);
        variables.put("interval", interval);
        variables.put("currency", currency);
        JsonNode answer = execute(
                "query($from: DateTime!, $to: DateTime!, $interval: ReportInterval, $currency: String) {"
                        + " salesReport(from: $from, to: $to, interval: $interval, currency: $currency) { " + selection
                        + " } }",
                variables);
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer.at("/data/salesReport");
    }

    /** Each row as its fields' values joined by spaces (amounts as the API prints them). */
    private static List<String> rows(JsonNode list, String... fields) {
        List<String> rows = new java.util.ArrayList<>();
        list.forEach(row -> {
            StringBuilder text = new StringBuilder();
            for (String field : fields) {
                text.append(text.isEmpty() ? "" : " ")
                        .append(row.at("/" + field).asString());
            }
            rows.add(text.toString());
        });
        return rows;
    }

    private record Line(UUID product, int quantity, String price) {}

    private record Step(String status, int afterSeconds, String reason) {}

    private static Line line(UUID product, int quantity, String price) {
        return new Line(product, quantity, price);
    }

    private static Step step(String status, int afterSeconds, String reason) {
        return new Step(status, afterSeconds, reason);
    }

    private void order(String placedAt, UUID customer, String currency, List<Line> lines, Step... steps) {
        UUID id = UUID.randomUUID();
        java.math.BigDecimal subtotal = lines.stream()
                .map(l -> new java.math.BigDecimal(l.price()).multiply(java.math.BigDecimal.valueOf(l.quantity())))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        int items = lines.stream().mapToInt(Line::quantity).sum();
        sql(
                "INSERT INTO orders (id, customer_id, status, payment_status, payment_method, currency, subtotal, item_count,"
                        + " ship_line1, ship_city, ship_postal_code, ship_country, placed_at, version) VALUES ('" + id
                        + "', '"
                        + customer + "', '" + steps[steps.length - 1].status() + "', 'PENDING', 'INVOICE', '" + currency
                        + "', "
                        + subtotal + ", " + items + ", '1 Report Street', 'Berlin', '10115', 'DE', '" + placedAt + "', "
                        + steps.length + ")");
        for (int n = 0; n < lines.size(); n++) {
            Line l = lines.get(n);
            sql(
                    "INSERT INTO order_lines (id, order_id, line_no, product_id, sku, product_name, quantity, unit_price) VALUES ('"
                            + UUID.randomUUID() + "', '" + id + "', " + (n + 1) + ", '" + l.product() + "', 'SKU-"
                            + l.product().toString().substring(0, 8) + "', 'Report part', " + l.quantity() + ", "
                            + l.price() + ")");
        }
        // through the status log, as every status change is written: it also stamps the fulfilment times
        List<StatusLog.Entry> history = new java.util.ArrayList<>();
        OrderStatus from = null;
        for (int v = 0; v < steps.length; v++) {
            Step s = steps[v];
            OrderStatus to = OrderStatus.valueOf(s.status());
            history.add(new StatusLog.Entry(
                    id,
                    v + 1,
                    from,
                    to,
                    "test",
                    s.reason(),
                    java.time.OffsetDateTime.parse(placedAt).plusSeconds(s.afterSeconds())));
            from = to;
        }
        statusLog.record(history).block();
    }

    private void sql(String statement) {
        db.sql(statement).fetch().rowsUpdated().block();
    }
}
