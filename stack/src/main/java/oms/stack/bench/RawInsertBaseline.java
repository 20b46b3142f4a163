package oms.stack.bench;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import oms.testsupport.LocalPostgres;

/**
 * The floor under {@code ./oms bench orders}: the same rows written straight into PostgreSQL over JDBC,
 * one {@code unnest} statement per table per batch (orders, order_lines, order_status_history) in one
 * transaction, into scratch copies of the orders service's tables (same columns, defaults, indexes,
 * keys) in a schema of their own that is dropped afterwards.
 */
final class RawInsertBaseline {

    private static final String[] TABLES = {"orders", "order_lines", "order_status_history"};

    private RawInsertBaseline() {}

    /** Inserts one warm-up batch and then {@code batches} measured ones; answers each measured batch's time. */
    static List<Duration> run(LocalPostgres postgres, OrderBatches plan, int batches) throws SQLException {
        String schema = "bench_raw_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(
                postgres.jdbcUrl("oms_orders"), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            try {
                createScratchTables(c, schema);
                c.setAutoCommit(false);
                insertBatch(c, schema, plan.orders(0));
                List<Duration> times = new ArrayList<>();
                for (int b = 0; b < batches; b++) {
                    List<OrderBatches.Order> orders = plan.orders(b + 1);
                    long started = System.nanoTime();
                    insertBatch(c, schema, orders);
                    times.add(Duration.ofNanos(System.nanoTime() - started));
                }
                return times;
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static void createScratchTables(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            for (String table : TABLES) {
                s.execute("CREATE TABLE %s.%s (LIKE public.%s INCLUDING ALL)".formatted(schema, table, table));
            }
            // its own status feed (history positions are taken from it as orders does) and order numbers,
            // and the same foreign keys as the real tables
            s.execute("CREATE TABLE %1$s.status_feed (LIKE public.status_feed INCLUDING ALL)".formatted(schema));
            s.execute("INSERT INTO %s.status_feed (position) VALUES (0)".formatted(schema));
            s.execute("CREATE SEQUENCE %s.order_number_seq".formatted(schema));
            s.execute("ALTER TABLE %1$s.orders ALTER COLUMN number SET DEFAULT nextval('%1$s.order_number_seq')"
                    .formatted(schema));
            for (String child : List.of("order_lines", "order_status_history")) {
                s.execute(
                        "ALTER TABLE %1$s.%2$s ADD FOREIGN KEY (order_id) REFERENCES %1$s.orders (id) ON DELETE CASCADE"
                                .formatted(schema, child));
            }
        }
    }

    /** The three statements of the orders service's placement, with the same columns bound as arrays. */
    private static void insertBatch(Connection c, String schema, List<OrderBatches.Order> orders) throws SQLException {
        int n = orders.size();
        UUID[] ids = new UUID[n];
        String[] customers = new String[n];
        BigDecimal[] subtotals = new BigDecimal[n];
        Integer[] itemCounts = new Integer[n];
        String placedAt = Instant.now().toString();
        List<UUID> lineOrders = new ArrayList<>();
        List<Integer> lineNos = new ArrayList<>();
        List<OrderBatches.Product> lineProducts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OrderBatches.Order order = orders.get(i);
            ids[i] = timeOrdered();
            customers[i] = order.customerId();
            subtotals[i] = order.subtotal();
            itemCounts[i] = order.products().size();
            for (int l = 0; l < order.products().size(); l++) {
                lineOrders.add(ids[i]);
                lineNos.add(l + 1);
                lineProducts.add(order.products().get(l));
            }
        }
        int lines = lineProducts.size();
        try (PreparedStatement insertOrders = c.prepareStatement("""
                INSERT INTO %s.orders (id, customer_id, status, payment_status, payment_method, currency, subtotal,
                                       item_count, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code,
                                       ship_country, placed_at, updated_at, version)
                SELECT id, customer_id, 'PENDING', 'PENDING', payment_method, currency, subtotal, item_count,
                       ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, upper(ship_country),
                       placed_at, placed_at, 1
                FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::numeric[], ?::int[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                     AS t(id, customer_id, payment_method, currency, subtotal, item_count, ship_name, ship_line1,
                          ship_line2, ship_city, ship_postal_code, ship_country, placed_at)""".formatted(schema));
                PreparedStatement insertLines = c.prepareStatement("""
                INSERT INTO %s.order_lines (id, order_id, line_no, product_id, sku, product_name, quantity, unit_price)
                SELECT id, order_id, line_no, product_id, sku, name, quantity, price
                FROM unnest(?::uuid[], ?::uuid[], ?::int[], ?::uuid[], ?::text[], ?::text[], ?::int[], ?::numeric[])
                     AS t(id, order_id, line_no, product_id, sku, name, quantity, price)""".formatted(schema));
                PreparedStatement insertHistory = c.prepareStatement("""
                WITH feed AS (UPDATE %1$s.status_feed SET position = position + %2$d RETURNING position - %2$d AS base)
                INSERT INTO %1$s.order_status_history (seq, order_id, version, from_status, to_status, actor, reason, at)
                SELECT feed.base + t.ord, t.id, 1, NULL, 'PENDING', t.actor, 'Order placed', t.at
                FROM feed, unnest(?::uuid[], ?::text[], ?::timestamptz[]) WITH ORDINALITY AS t(id, actor, at, ord)""".formatted(schema, n))) {
            bind(
                    c,
                    insertOrders,
                    "uuid",
                    ids,
                    "text",
                    customers,
                    "text",
                    repeat("INVOICE", n),
                    "text",
                    repeat("EUR", n),
                    "numeric",
                    subtotals,
                    "int4",
                    itemCounts,
                    "text",
                    repeat("Benchmark Receiving", n),
                    "text",
                    repeat("1 Load Street", n),
                    "text",
                    new String[n],
                    "text",
                    repeat("Berlin", n),
                    "text",
                    repeat("10115", n),
                    "text",
                    repeat("DE", n),
                    "text",
                    repeat(placedAt, n));
            insertOrders.executeUpdate();
            bind(
                    c,
                    insertLines,
                    "uuid",
                    lineOrders.stream().map(o -> timeOrdered()).toArray(UUID[]::new),
                    "uuid",
                    lineOrders.toArray(UUID[]::new),
                    "int4",
                    lineNos.toArray(Integer[]::new),
                    "text",
                    lineProducts.stream().map(OrderBatches.Product::id).toArray(String[]::new),
                    "text",
                    lineProducts.stream().map(OrderBatches.Product::sku).toArray(String[]::new),
                    "text",
                    lineProducts.stream().map(OrderBatches.Product::name).toArray(String[]::new),
                    "int4",
                    Collections.nCopies(lines, 1).toArray(Integer[]::new),
                    "numeric",
                    lineProducts.stream().map(OrderBatches.Product::price).toArray(BigDecimal[]::new));
            insertLines.executeUpdate();
            bind(c, insertHistory, "uuid", ids, "text", repeat("staff:sam", n), "text", repeat(placedAt, n));
            insertHistory.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    /** Binds (type, values) pairs as SQL arrays to the statement's parameters, in order. */
    private static void bind(Connection c, PreparedStatement statement, Object... typesAndValues) throws SQLException {
        for (int i = 0; i < typesAndValues.length; i += 2) {
            statement.setArray(i / 2 + 1, array(c, (String) typesAndValues[i], (Object[]) typesAndValues[i + 1]));
        }
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }

    private static String[] repeat(String value, int n) {
        return Collections.nCopies(n, value).toArray(String[]::new);
    }

    /**
     * Order and line ids as the orders service makes them (UUID version 7, platform's {@code
     * TimeOrderedIds}, which this module does not depend on), so the baseline's indexes grow as the
     * service's do.
     */
    private static UUID timeOrdered() {
        // scratch rows: a fast generator will do, where the service's ids use SecureRandom
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(
                (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL),
                (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L);
    }
}
