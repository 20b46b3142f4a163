package oms.stack.drill;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.stack.OmsStack;
import oms.stack.StackOptions;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LocalPostgres;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./oms drill}: a throw-away stack under steady traffic ({@link DrillLoad}), one fault after the
 * other, and for each a line of what clients saw and what the data says afterwards: requests sent,
 * answered whole, answered degraded, failed (with the error codes), orders acknowledged, orders lost,
 * saga decisions taken twice, status changes the resumed subscription missed, and the time from the
 * repair (restart, resume, back) until reads are whole and an order is acknowledged again. Loopback
 * only, bounded in time: about ten minutes on two cores.
 */
public final class Drill {

    /** One fault: {@code inject} breaks something, {@code repair} mends it. */
    public record Scenario(String name, Fault inject, Fault repair, Duration hold) {}

    public interface Fault {
        void run() throws Exception;
    }

    /** One scenario's line of the table. */
    public record Outcome(
            String scenario,
            long sent,
            long whole,
            long degraded,
            long failed,
            String codes,
            int acknowledged,
            int lost,
            int duplicated,
            int missed,
            Duration recovered) {
        static String header() {
            return "%-34s %6s %6s %8s %6s %6s %5s %5s %6s %9s  %s"
                    .formatted(
                            "scenario",
                            "sent",
                            "whole",
                            "degraded",
                            "failed",
                            "orders",
                            "lost",
                            "dupl.",
                            "missed",
                            "recovered",
                            "error codes seen");
        }

        @Override
        public String toString() {
            return "%-34s %6d %6d %8d %6d %6d %5d %5d %6d %8.1fs  %s"
                    .formatted(
                            scenario,
                            sent,
                            whole,
                            degraded,
                            failed,
                            acknowledged,
                            lost,
                            duplicated,
                            missed,
                            recovered.toMillis() / 1000.0,
                            codes);
        }
    }

    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final Duration RECOVER = Duration.ofSeconds(120);

    private final OmsStack stack;
    private final DrillLoad load;

    private Drill(OmsStack stack) {
        this.stack = stack;
        GraphQlClient ada = new GraphQlClient(stack.routerUrl()).withBearer(stack.token("ada"));
        List<String> products = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        for (int i = 1; i <= 10; i++) {
            JsonNode created =
                    ada.execute("""
                    mutation($sku: String!) { createProduct(input: {sku: $sku, name: "Drill part", price: "3.00",
                      currency: "EUR", initialStock: 1000000}) { product { id } userErrors { code message } } }""", Map.of("sku", "DRILL-" + run + "-" + i)).at("/data/createProduct");
            products.add(created.at("/product/id").asString());
        }
        List<String> customers = new ArrayList<>();
        new GraphQlClient(stack.routerUrl())
                .withBearer(stack.token("sam"))
                .execute("{ customers(first: 50) { edges { node { id status } } } }")
                .at("/data/customers/edges")
                .forEach(e -> {
                    if (e.at("/node/status").asString().equals("ACTIVE")) {
                        customers.add(e.at("/node/id").asString());
                    }
                });
        awaitRows("orders", "SELECT count(*) FROM catalog_products WHERE product_id::text = ANY(?)", products, 10);
        this.load = new DrillLoad(stack, products, customers);
    }

    /** Runs the drill on a stack of its own; prints the table. */
    public static void run(Path project) throws IOException {
        System.out.println("Starting a throw-away stack for the drill (latency proxies in front of the subgraphs) ...");
        StackOptions options = StackOptions.forTests(project);
        Map<String, LatencyProxy> proxies = new LinkedHashMap<>();
        Map<String, Integer> routed = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> subgraph : options.ports().subgraphs().entrySet()) {
            LatencyProxy proxy = new LatencyProxy(subgraph.getValue());
            proxies.put(subgraph.getKey(), proxy);
            routed.put(subgraph.getKey(), proxy.port());
        }
        try (OmsStack stack = OmsStack.start(options, routed)) {
            List<Scenario> scenarios = new ArrayList<>();
            for (String subgraph : StackOptions.SUBGRAPHS.keySet()) {
                scenarios.add(hang(stack, subgraph, Duration.ofSeconds(10)));
            }
            for (String subgraph : StackOptions.SUBGRAPHS.keySet()) {
                scenarios.add(kill(stack, subgraph));
            }
            scenarios.add(new Scenario(
                    "Redis down 30 s",
                    () -> stack.redis().kill(),
                    () -> stack.redis().restart(),
                    Duration.ofSeconds(30)));
            scenarios.add(new Scenario(
                    "PostgreSQL kill -9",
                    () -> stack.postgres().kill(),
                    () -> stack.postgres().restart(),
                    Duration.ZERO));
            LatencyProxy orders = proxies.get("orders");
            scenarios.add(new Scenario(
                    "+200 ms router -> orders, 20 s",
                    () -> orders.delay(200),
                    () -> orders.delay(0),
                    Duration.ofSeconds(20)));
            List<Outcome> outcomes = runScenarios(stack, scenarios);
            System.out.println();
            System.out.println(Outcome.header());
            outcomes.forEach(System.out::println);
            long bad = outcomes.stream()
                    .filter(o -> o.lost() + o.duplicated() + o.missed() > 0)
                    .count();
            System.out.println(
                    bad == 0
                            ? "\nlost: 0, duplicated: 0, missed: 0 in every scenario"
                            : "\n" + bad + " scenario(s) lost, duplicated or missed something: see above");
        } finally {
            proxies.values().forEach(LatencyProxy::close);
        }
    }

    /** Runs the scenarios one after the other under load, on {@code stack}; answers their outcomes. */
    public static List<Outcome> runScenarios(OmsStack stack, List<Scenario> scenarios) {
        Drill drill = new Drill(stack);
        List<Outcome> outcomes = new ArrayList<>();
        drill.load.start();
        try {
            drill.load.begin();
            pause(3_000); // warm-up: the subscription is open and every kind of traffic flows
            for (Scenario scenario : scenarios) {
                System.out.println("Scenario: " + scenario.name() + " ...");
                Outcome outcome = drill.run(scenario);
                System.out.println("  " + outcome);
                outcomes.add(outcome);
            }
        } finally {
            drill.load.close();
        }
        return outcomes;
    }

    public static Scenario hang(OmsStack stack, String subgraph, Duration duration) {
        return new Scenario(
                "hang " + subgraph + " " + duration.toSeconds() + " s",
                () -> stack.pause(subgraph),
                () -> stack.resume(subgraph),
                duration);
    }

    public static Scenario kill(OmsStack stack, String subgraph) {
        return new Scenario(
                "kill -9 " + subgraph + " during a batch",
                () -> {
                    pause(1_000); // the batch client sends every 2 s: this lands inside or right after one
                    stack.kill(subgraph);
                },
                () -> stack.restart(subgraph),
                Duration.ZERO);
    }

    private Outcome run(Scenario scenario) {
        DrillLoad.Tally tally = load.begin();
        pause(2_000);
        try {
            scenario.inject().run();
            pause(scenario.hold().toMillis());
            scenario.repair().run();
        } catch (Exception e) {
            throw new IllegalStateException(scenario.name() + " could not be run: " + e.getMessage(), e);
        }
        Instant repaired = Instant.now();
        Instant deadline = repaired.plus(RECOVER);
        while (Instant.now().isBefore(deadline)
                && !(after(tally.lastWholeRead, repaired) && after(tally.lastAcknowledged, repaired))) {
            pause(100);
        }
        Instant recoveredAt = max(tally.lastWholeRead, tally.lastAcknowledged);
        Duration recovered = after(recoveredAt, repaired) ? Duration.between(repaired, recoveredAt) : RECOVER;
        pause(3_000); // steady again
        load.begin(); // what follows belongs to nobody: this scenario's orders are counted now
        List<String> orders = List.copyOf(tally.acknowledged);
        awaitSettled(orders);
        int lost = orders.size() - (int) count("orders", "SELECT count(*) FROM orders WHERE id::text = ANY(?)", orders);
        int duplicated = duplicated(orders);
        int missed = missed(orders);
        List<String> feed = load.takeFeedLog();
        if (missed > 0 || feed.size() > 1) {
            System.out.println("  the subscription during this scenario"
                    + (missed > 0 ? " (it missed " + missed + ")" : "") + ":");
            feed.forEach(line -> System.out.println("    " + line));
        }
        return new Outcome(
                scenario.name(),
                tally.sent.get(),
                tally.whole.get(),
                tally.degraded.get(),
                tally.failed.get(),
                tally.codes(),
                orders.size(),
                lost,
                duplicated,
                missed,
                recovered);
    }

    private static boolean after(Instant t, Instant reference) {
        return t != null && t.isAfter(reference);
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private void awaitSettled(List<String> orders) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (Instant.now().isBefore(deadline)
                && count("orders", "SELECT count(*) FROM orders WHERE status = 'PENDING' AND id::text = ANY(?)", orders)
                        > 0) {
            pause(500);
        }
    }

    /** Orders with more than one stock answer from inventory or more than one confirmation from orders. */
    private int duplicated(List<String> orders) {
        return (int) (count(
                        "inventory",
                        "SELECT count(*) FROM (SELECT key FROM outbox WHERE stream = 'inventory' "
                                + "AND key = ANY(?) GROUP BY key HAVING count(*) > 1) twice",
                        orders)
                + count(
                        "orders",
                        "SELECT count(*) FROM (SELECT key FROM outbox WHERE type = 'OrderConfirmed' "
                                + "AND key = ANY(?) GROUP BY key HAVING count(*) > 1) twice",
                        orders));
    }

    /** Status changes of these orders that are in the database but the subscription never delivered. */
    private int missed(List<String> orders) {
        Map<String, Set<Integer>> expected = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            expected.clear();
            query(
                    "orders",
                    "SELECT order_id::text, version FROM order_status_history WHERE order_id::text = ANY(?)",
                    orders,
                    rs -> expected.computeIfAbsent(rs.getString(1), id -> new java.util.HashSet<>())
                            .add(rs.getInt(2)));
            int missed = 0;
            for (Map.Entry<String, Set<Integer>> order : expected.entrySet()) {
                Set<Integer> got = load.delivered(order.getKey());
                missed += (int)
                        order.getValue().stream().filter(v -> !got.contains(v)).count();
            }
            if (missed == 0 || Instant.now().isAfter(deadline)) {
                return missed;
            }
            pause(500);
        }
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String subgraph, String sql, List<String> values, Row row) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(
                            stack.postgres().jdbcUrl("oms_" + subgraph), LocalPostgres.USER, LocalPostgres.PASSWORD);
                    PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setArray(1, c.createArrayOf("text", values.toArray()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
                return;
            } catch (SQLException e) {
                if (attempt == 30) {
                    throw new IllegalStateException(sql, e);
                }
                pause(1_000); // PostgreSQL may be restarting
            }
        }
    }

    private long count(String subgraph, String sql, List<String> values) {
        long[] count = {0};
        query(subgraph, sql, values, rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private void awaitRows(String subgraph, String sql, List<String> values, long expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (count(subgraph, sql, values) < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Timed out waiting for " + sql);
            }
            pause(250);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
