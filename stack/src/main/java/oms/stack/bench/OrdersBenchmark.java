package oms.stack.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.stack.OmsStack;
import oms.stack.StackOptions;
import oms.testsupport.Actuator;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LocalPostgres;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./oms bench orders}: batches of orders placed through the router with a real token, how fast
 * they are accepted and how soon every order of a batch is CONFIRMED or REJECTED, against the floor of
 * writing the same rows straight into PostgreSQL, measured in one run on one throw-away stack.
 */
public final class OrdersBenchmark {

    private static final int BATCHES = 10;
    private static final int BATCH_SIZE = 1_000;
    /**
     * Warm-up batches until the JIT compilers use under {@link #JIT_SETTLED} of the stack's CPU during one
     * (measured: after 2 batches they still took about half of each subgraph's CPU), at least the first
     * number, at most the second.
     */
    private static final int MIN_WARM_UP_BATCHES = 2;

    private static final int MAX_WARM_UP_BATCHES = 30;
    private static final double JIT_SETTLED = 0.10;
    // a few batches straight to the orders subgraph show what the router adds
    private static final int DIRECT_BATCHES = 3;
    private static final int PRODUCTS = 60;
    // every product gets enough units for its share of all the run's lines (one unit each), and more
    private static final int TOP_UP =
            3 * BATCH_SIZE * (MAX_WARM_UP_BATCHES + BATCHES + DIRECT_BATCHES) / PRODUCTS + 200;
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> SERVICES = List.of("orders", "inventory", "shipping");

    private final OmsStack stack;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private int nextBatch;

    private OrdersBenchmark(OmsStack stack) {
        this.stack = stack;
    }

    public static void run(Path project) throws IOException, SQLException {
        // OMS_SUBGRAPH_JAVA_OPTS gives the subgraphs' JVM options, e.g. to compare heaps or code caches
        String javaOptions = StackOptions.subgraphJavaOptions(StackOptions.DEFAULT_JAVA_OPTIONS);
        System.out.println("Starting a throw-away stack for the benchmark (subgraphs: " + javaOptions + ") ...");
        try (OmsStack stack = OmsStack.start(StackOptions.forTests(project).withSubgraphJavaOptions(javaOptions))) {
            new OrdersBenchmark(stack).run();
        }
    }

    private GraphQlClient as(String user) {
        return new GraphQlClient(stack.routerUrl()).withBearer(stack.token(user));
    }

    private void run() throws SQLException {
        System.out.printf(
                "Reading demo customers and %d products, adding %d units of stock to each ...%n", PRODUCTS, TOP_UP);
        OrderBatches plan = OrderBatches.prepare(as("sam"), as("wendy"), PRODUCTS, TOP_UP, BATCH_SIZE);
        String router = stack.routerUrl();
        String direct = stack.subgraphUrl("orders") + "/graphql";
        try (SettleWatch watch = new SettleWatch(() -> as("sam"))) {
            System.out.printf(
                    "Warming up: batches of %d orders, each awaited, until the JIT compilers take under %.0f %% of "
                            + "the stack's CPU (%d to %d batches) ...%n",
                    BATCH_SIZE, JIT_SETTLED * 100, MIN_WARM_UP_BATCHES, MAX_WARM_UP_BATCHES);
            ProcessCpu cpu = new ProcessCpu(stack, Map.of());
            long acceptStatements = 0;
            for (int b = 0; b < MAX_WARM_UP_BATCHES; b++) {
                long before = SqlStatements.of(stack, "orders");
                Map<String, Long> cpuBefore = cpu.snapshot();
                Map<String, Long> jitBefore = cpu.compilerSnapshot();
                Sent warm = send(plan, router, watch);
                acceptStatements = SqlStatements.of(stack, "orders") - before;
                watch.awaitAll(SETTLE_TIMEOUT);
                double jitShare = ProcessCpu.jitShare(
                        ProcessCpu.difference(cpu.compilerSnapshot(), jitBefore),
                        ProcessCpu.difference(cpu.snapshot(), cpuBefore));
                System.out.printf(
                        "  warm-up batch %d: %d accepted in %d ms, settled %d ms later; JIT compilers %.0f %% of the "
                                + "stack's CPU%n",
                        b + 1,
                        warm.accepted(),
                        warm.roundTrip().toMillis(),
                        warm.batch().settledAfter().toMillis(),
                        jitShare * 100);
                if (b + 1 >= MIN_WARM_UP_BATCHES && jitShare < JIT_SETTLED) {
                    break;
                }
            }
            System.out.printf(
                    "Placing %d batches of %d orders (3 lines each) through the router, back to back ...%n",
                    BATCHES, BATCH_SIZE);
            StatementStats statementStats = new StatementStats(stack.postgres());
            statementStats.reset();
            Instant runStart = Instant.now();
            long[] statementsBefore = statements();
            Map<String, Long> cpuBefore = cpu.snapshot();
            Map<String, Long> jitBefore = cpu.compilerSnapshot();
            WalVolume.Snapshot walBefore = WalVolume.snapshot(stack.postgres());
            double[][] gcBefore = gcPauses();
            List<Sent> measured = new ArrayList<>();
            for (int b = 0; b < BATCHES; b++) {
                measured.add(send(plan, router, watch));
            }
            watch.awaitAll(SETTLE_TIMEOUT);
            Map<String, Long> runCpu = ProcessCpu.difference(cpu.snapshot(), cpuBefore);
            Map<String, Long> runJit = ProcessCpu.difference(cpu.compilerSnapshot(), jitBefore);
            WalVolume.Snapshot runWal = WalVolume.snapshot(stack.postgres()).minus(walBefore);
            double[][] gcAfter = gcPauses();
            long[] statementsAfter = statements();
            statementStats.print(25, (long) BATCHES * BATCH_SIZE, "order");
            String outcomes = outcomes(runStart);
            System.out.printf("Placing %d batches straight to the orders subgraph (no router) ...%n", DIRECT_BATCHES);
            List<Sent> straight = new ArrayList<>();
            for (int b = 0; b < DIRECT_BATCHES; b++) {
                straight.add(send(plan, direct, watch));
            }
            watch.awaitAll(SETTLE_TIMEOUT);
            System.out.println("Writing the same rows straight into PostgreSQL ...");
            Map<String, Long> rawBefore = cpu.snapshot();
            WalVolume.Snapshot rawWalBefore = WalVolume.snapshot(stack.postgres());
            List<Duration> raw = RawInsertBaseline.run(stack.postgres(), plan, BATCHES);
            Map<String, Long> rawCpu = ProcessCpu.difference(cpu.snapshot(), rawBefore);
            WalVolume.Snapshot rawWal = WalVolume.snapshot(stack.postgres()).minus(rawWalBefore);

            new OrdersReport(BATCH_SIZE, measured, straight, raw).print(outcomes);
            System.out.printf(
                    "SQL statements of the orders service during one createOrders call of %,d orders "
                            + "(warm-up): %d, including loading the created orders for the answer, the outbox relay's and any "
                            + "stock answers it handled meanwhile%n",
                    BATCH_SIZE, acceptStatements);
            StringBuilder perBatch = new StringBuilder();
            for (int i = 0; i < SERVICES.size(); i++) {
                perBatch.append(i == 0 ? "" : ", ")
                        .append(SERVICES.get(i))
                        .append(' ')
                        .append((statementsAfter[i] - statementsBefore[i]) / BATCHES);
            }
            System.out.printf(
                    "SQL statements per %,d-order batch over the measured run, everything included "
                            + "(placing, consuming, relaying, the settle polling): %s%n",
                    BATCH_SIZE, perBatch);
            printCpu(runCpu, runJit, rawCpu, BATCHES * BATCH_SIZE);
            int orders = BATCHES * BATCH_SIZE;
            StringBuilder gc = new StringBuilder();
            for (int i = 0; i < SERVICES.size(); i++) {
                double seconds = gcAfter[i][0] - gcBefore[i][0];
                double count = gcAfter[i][1] - gcBefore[i][1];
                gc.append(i == 0 ? "" : ", ")
                        .append(String.format(
                                "%s %.2f s in %.0f (%.0f ms each, %.3f ms per order)",
                                SERVICES.get(i),
                                seconds,
                                count,
                                count > 0 ? seconds * 1000 / count : 0,
                                seconds * 1000 / orders));
            }
            System.out.printf("GC pauses over the measured run: %s%n", gc);
            System.out.printf(
                    "PostgreSQL's write-ahead log over the measured run (all four databases): %s; the raw insert: %s; "
                            + "ratio %.1f× in bytes%n",
                    runWal.per(orders, "order"),
                    rawWal.per(orders, "order"),
                    (double) runWal.bytes() / Math.max(1, rawWal.bytes()));
        }
    }

    /**
     * CPU milliseconds per order machine-wide over the measured run (placing through the router and the
     * whole saga until every order settled; the benchmark's own JVM left out), by process, against the raw
     * insert's PostgreSQL CPU per order, and the rate the machine's cores would allow at that cost.
     */
    private static void printCpu(Map<String, Long> run, Map<String, Long> jit, Map<String, Long> raw, int orders) {
        long total = run.getOrDefault("all", 0L);
        double all = (double) total / orders;
        String parts = ProcessCpu.perUnit(run, orders, total / 100, 2);
        double rawPerOrder = (double) raw.getOrDefault("postgres", 0L) / orders;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                "CPU per order over the measured run (placing and the whole saga, every process of the stack, the "
                        + "benchmark's own JVM left out): %.2f ms (%s; processes under 1 %% left out)%n",
                all, parts);
        System.out.printf(
                "  at that cost %d cores place at most %,.0f orders/s (2,000/s needs <= %.2f ms per order); the raw "
                        + "insert: %.3f ms of PostgreSQL CPU per order, ratio %.1f×%n",
                cores, cores * 1000 / all, cores * 1000 / 2000.0, rawPerOrder, rawPerOrder > 0 ? all / rawPerOrder : 0);
        System.out.printf(
                "  of it JIT compilation %.2f ms per order (%.0f %%: %s); without it %.2f ms, %,.0f orders/s on %d cores%n",
                (double) jit.getOrDefault("all", 0L) / orders,
                ProcessCpu.jitShare(jit, run) * 100,
                ProcessCpu.perUnit(jit, orders, 1, 2),
                (double) (total - jit.getOrDefault("all", 0L)) / orders,
                cores * 1000.0 * orders / Math.max(1, total - jit.getOrDefault("all", 0L)),
                cores);
    }

    /** Per service: seconds paused for garbage collection and the number of pauses so far. */
    private double[][] gcPauses() {
        return SERVICES.stream()
                .map(s -> new double[] {
                    Actuator.statistic(stack.managementUrl(s), "jvm.gc.pause", "TOTAL_TIME"),
                    Actuator.statistic(stack.managementUrl(s), "jvm.gc.pause", "COUNT")
                })
                .toArray(double[][]::new);
    }

    private long[] statements() {
        return SERVICES.stream().mapToLong(s -> SqlStatements.of(stack, s)).toArray();
    }

    record Sent(SettleWatch.Batch batch, Duration roundTrip, int accepted, int rejected) {}

    /** Posts the next batch to {@code endpoint} as sales staff and has the watch follow it. */
    private Sent send(OrderBatches plan, String endpoint, SettleWatch watch) {
        int batch = nextBatch++;
        String body = plan.requestBody(batch, "bench-orders-" + runId + "-" + batch);
        GraphQlClient client = new GraphQlClient(endpoint).withBearer(stack.token("sam"));
        Instant sentAt = Instant.now();
        long started = System.nanoTime();
        GraphQlClient.Response response = client.send(body);
        long answered = System.nanoTime();
        Instant answeredAt = Instant.now();
        JsonNode payload = OrderBatches.data(response.body()).get("createOrders");
        if (response.status() != 200 || !payload.at("/userErrors").isEmpty()) {
            throw new IllegalStateException("createOrders failed: HTTP " + response.status() + " " + payload);
        }
        int accepted = payload.at("/acceptedCount").asInt();
        if (accepted == 0) {
            throw new IllegalStateException("No order of the batch was accepted: " + payload.at("/results/0"));
        }
        return new Sent(
                watch.watch(batch + 1, sentAt, answeredAt, answered),
                Duration.ofNanos(answered - started),
                accepted,
                payload.at("/rejectedCount").asInt());
    }

    /** How the measured orders ended up, counted in the orders database. */
    private String outcomes(Instant runStart) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        stack.postgres().jdbcUrl("oms_orders"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                PreparedStatement count = c.prepareStatement(
                        "SELECT status, count(*) FROM orders WHERE placed_at >= ? GROUP BY status ORDER BY status")) {
            count.setTimestamp(1, Timestamp.from(runStart));
            StringBuilder text = new StringBuilder();
            try (ResultSet rs = count.executeQuery()) {
                while (rs.next()) {
                    text.append(text.isEmpty() ? "" : ", ")
                            .append(rs.getString(1))
                            .append(' ')
                            .append(rs.getLong(2));
                }
            }
            return text.toString();
        }
    }
}
