package oms.stack.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import oms.stack.ManagedProcess;
import oms.stack.Memory;
import oms.stack.OmsStack;
import oms.stack.StackOptions;
import oms.testsupport.Actuator;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LiveConnection;
import oms.testsupport.LiveSubscription;
import oms.testsupport.LocalPostgres;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./oms bench subscriptions}: many concurrent order-status subscribers on one orders instance
 * while status changes flow at a steady rate; delivery latency from commit to client receipt, memory
 * per subscriber, and, in the same run, the raw Redis publish-to-receive latency as the baseline.
 *
 * <p>Subscribers connect over graphql-transport-ws straight to the orders instance (the router would
 * otherwise be what is measured), 100 subscriptions per WebSocket. One subscriber per demo customer
 * follows that customer's orders (these receive the flowing changes); all others follow single
 * existing orders, as storefront pages do. Changes come from real order placement (PENDING) and the
 * saga (CONFIRMED or REJECTED), so every change is a committed transaction of the real code path.
 * Latency is measured from the commit of the change's transaction (PostgreSQL's commit timestamp of the
 * history row) to the moment the client has the event.
 */
public final class SubscriptionBenchmark {

    private static final int SUBSCRIBERS = Integer.getInteger("oms.bench.subscribers", 10_000);
    private static final int PER_CONNECTION = 100;
    private static final int ORDERS_PER_SECOND = Integer.getInteger("oms.bench.orders-per-second", 500);
    private static final int BATCH = 50;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(20);
    /** A fixed heap big enough for 10,000 subscribers: no full collections while the heap grows. */
    private static final String JAVA_OPTIONS =
            StackOptions.DEFAULT_JAVA_OPTIONS.replace("-Xms32m -Xmx160m", "-Xms768m -Xmx768m");

    private SubscriptionBenchmark() {}

    public static void run(Path project) throws IOException, InterruptedException {
        System.out.println("Starting a throw-away stack for the benchmark (subgraph heaps fixed at 768 MB) ...");
        try (OmsStack stack = OmsStack.start(StackOptions.forTests(project).withSubgraphJavaOptions(JAVA_OPTIONS))) {
            Latencies baseline = redisBaseline(stack.redis().url());
            System.out.printf("raw Redis pub/sub, %d msg/s for 5 s: %s%n", 2 * ORDERS_PER_SECOND, baseline.summary());

            String token = stack.token("sam");
            GraphQlClient orders = new GraphQlClient(stack.subgraphUrl("orders") + "/graphql").withBearer(token);
            GraphQlClient router = new GraphQlClient(stack.routerUrl()).withBearer(token);
            List<String> customers = ids(router, "customers", "");
            List<String> products = ids(router, "products", ", activeOnly: true");
            List<String> existingOrders = ids(orders, "orders", "");
            ManagedProcess ordersProcess = stack.processes().get("orders");
            long heapBefore = heapAfterGc(stack, ordersProcess);
            long rssBefore = ordersProcess.residentBytes();

            Queue<long[]> receipts = new ConcurrentLinkedQueue<>();
            AtomicBoolean recording = new AtomicBoolean(false);
            AtomicLong activeDeliveries = new AtomicLong();
            AtomicLong otherDeliveries = new AtomicLong();
            AtomicInteger ended = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<String> firstEnd =
                    new java.util.concurrent.atomic.AtomicReference<>();
            URI ws = URI.create(stack.subgraphUrl("orders").replaceFirst("^http", "ws") + "/subscriptions");
            List<LiveConnection> connections = new ArrayList<>();
            long subscribeStart = System.nanoTime();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                if (i % PER_CONNECTION == 0) {
                    if (i > 0) {
                        awaitSubscribed(
                                stack, i, Duration.ofSeconds(60)); // subscribe at the pace the server takes them
                    }
                    connections.add(LiveConnection.open(ws, token));
                }
                boolean active = i < customers.size();
                String query = active
                        ? "subscription($c: ID!) { orderStatusChanges(filter: {customerId: $c}) { cursor orderId status version at } }"
                        : "subscription($o: ID!) { orderStatusChanged(orderId: $o) { cursor orderId status version at } }";
                Map<String, Object> variables = active
                        ? Map.of("c", customers.get(i))
                        : Map.of("o", existingOrders.get(i % existingOrders.size()));
                connections.getLast().subscribe(query, variables, new LiveSubscription.Listener() {
                    @Override
                    public void next(JsonNode payload, String raw) {
                        long now = epochMicros(Instant.now());
                        (active ? activeDeliveries : otherDeliveries).incrementAndGet();
                        if (recording.get() && active) {
                            JsonNode event =
                                    payload.path("data").values().iterator().next();
                            receipts.add(new long[] {
                                Long.parseLong(event.path("cursor").asString()), now
                            });
                        }
                    }

                    @Override
                    public void error(JsonNode errors) {
                        ended.incrementAndGet();
                        firstEnd.compareAndSet(null, errors.toString());
                    }

                    @Override
                    public void complete() {
                        ended.incrementAndGet();
                        firstEnd.compareAndSet(null, "completed by the server");
                    }
                });
            }
            awaitSubscribed(stack, SUBSCRIBERS, Duration.ofSeconds(120));
            double subscribeSeconds = (System.nanoTime() - subscribeStart) / 1e9;
            long heapAfter = heapAfterGc(stack, ordersProcess);
            long rssAfter = ordersProcess.residentBytes();
            System.out.printf(
                    "%,d subscribers on %d WebSockets registered in %.1f s%n",
                    SUBSCRIBERS, connections.size(), subscribeSeconds);

            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicLong placed = new AtomicLong();
            Thread producer = Thread.ofVirtual().start(() -> produce(orders, customers, products, producing, placed));
            Thread.sleep(WARM_UP.toMillis());
            long deliveriesAtStart = activeDeliveries.get();
            long placedAtStart = placed.get();
            double gcAtStart = metricStatistic(stack, "jvm.gc.pause", "TOTAL_TIME");
            recording.set(true);
            long t0 = System.nanoTime();
            Thread.sleep(MEASURE.toMillis());
            recording.set(false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long changes = activeDeliveries.get() - deliveriesAtStart;
            long ordersPlaced = placed.get() - placedAtStart;
            double gcSeconds = metricStatistic(stack, "jvm.gc.pause", "TOTAL_TIME") - gcAtStart;
            producing.set(false);
            producer.join(Duration.ofSeconds(10));
            connections.forEach(LiveConnection::close);
            Latencies measured = commitToReceipt(stack, receipts);

            System.out.println();
            System.out.printf(
                    "subscribers                 : %,d on one orders instance (%d WebSockets; %d follow a "
                            + "customer's orders, the rest single orders)%n",
                    SUBSCRIBERS, connections.size(), customers.size());
            System.out.printf(
                    "status changes delivered    : %,.0f per second over %.0f s (%,.0f orders placed per second; "
                            + "aim: 1,000 changes/s)%n",
                    changes / seconds, seconds, ordersPlaced / seconds);
            System.out.printf("commit -> client receipt    : %s   (aim: p99 under 100 ms)%n", measured.summary());
            System.out.printf("raw Redis publish -> receive: %s   (baseline, same run)%n", baseline.summary());
            System.out.printf(
                    "ratio p50 / p99 vs baseline : %.1f / %.1f%n",
                    (double) measured.percentile(0.50) / Math.max(1, baseline.percentile(0.50)),
                    (double) measured.percentile(0.99) / Math.max(1, baseline.percentile(0.99)));
            System.out.printf(
                    "memory per subscriber       : %,d bytes of heap after GC (%s -> %s), resident %s -> %s%n",
                    (heapAfter - heapBefore) / SUBSCRIBERS,
                    Memory.mib(heapBefore),
                    Memory.mib(heapAfter),
                    Memory.mib(rssBefore),
                    Memory.mib(rssAfter));
            System.out.printf(
                    "orders instance GC          : %.2f s paused during the %.0f s measured%n", gcSeconds, seconds);
            System.out.printf(
                    "WebSocket opens retried     : %d (no connection_ack within the server's 10 s init timeout)%n",
                    LiveConnection.initRetries());
            System.out.printf(
                    "subscriptions ended early   : %d%s%n",
                    ended.get(), firstEnd.get() == null ? "" : " (first: " + firstEnd.get() + ")");
        }
    }

    /** Receipt time minus the commit time of each received change (found by its feed position). */
    private static Latencies commitToReceipt(OmsStack stack, Collection<long[]> receipts) {
        Map<Long, Long> committed = new HashMap<>();
        String sql = "SELECT seq, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint "
                + "FROM order_status_history WHERE seq = ANY(?)";
        try (Connection db = DriverManager.getConnection(
                        stack.postgres().jdbcUrl("oms_orders"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setArray(
                    1,
                    db.createArrayOf("bigint", receipts.stream().map(r -> r[0]).toArray(Long[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    committed.put(rows.getLong(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading commit times failed: " + e.getMessage(), e);
        }
        Latencies latencies = new Latencies(Math.max(1, receipts.size()));
        receipts.forEach(r -> {
            Long at = committed.get(r[0]);
            if (at != null) {
                latencies.add(r[1] - at);
            }
        });
        return latencies;
    }

    /** Places orders in batches at a steady rate, spread over the customers, straight at the orders service. */
    private static void produce(
            GraphQlClient orders,
            List<String> customers,
            List<String> products,
            AtomicBoolean producing,
            AtomicLong placed) {
        long interval = TimeUnit.SECONDS.toNanos(1) * BATCH / ORDERS_PER_SECOND;
        long next = System.nanoTime();
        int n = 0;
        while (producing.get()) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++, n++) {
                batch.add(Map.of(
                        "customerId", customers.get(n % customers.size()),
                        "items", List.of(Map.of("productId", products.get(n % products.size()), "quantity", 1)),
                        "paymentMethod", "CARD",
                        "shippingAddress",
                                Map.of(
                                        "line1",
                                        "1 Bench St",
                                        "city",
                                        "Berlin",
                                        "postalCode",
                                        "10115",
                                        "country",
                                        "DE")));
            }
            JsonNode result = orders.execute(
                    "mutation($o: [CreateOrderInput!]!) { createOrders(input: {orders: $o}) " + "{ acceptedCount } }",
                    Map.of("o", batch));
            placed.addAndGet(result.at("/data/createOrders/acceptedCount").asInt());
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                next = System.nanoTime(); // behind: no catch-up burst
            }
        }
    }

    /** Publish-to-receive latency of plain Redis pub/sub at the same message rate and a similar size. */
    private static Latencies redisBaseline(String url) throws InterruptedException {
        RedisClient client = RedisClient.create(url);
        Latencies latencies = new Latencies(100_000);
        String padding = "x".repeat(220);
        int rate = 2 * ORDERS_PER_SECOND;
        int count = rate * 5;
        CountDownLatch received = new CountDownLatch(count);
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                StatefulRedisConnection<String, String> pub = client.connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    long now = System.nanoTime();
                    latencies.add((now - Long.parseLong(message.substring(0, message.indexOf(':')))) / 1_000);
                    received.countDown();
                }
            });
            sub.sync().subscribe("bench:baseline");
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                pub.async().publish("bench:baseline", System.nanoTime() + ":" + padding);
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            received.await(10, TimeUnit.SECONDS);
        } finally {
            client.shutdown();
        }
        return latencies;
    }

    private static List<String> ids(GraphQlClient client, String field, String arguments) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            JsonNode page = client.execute(
                            "query($after: String) { " + field + "(first: 100, after: $after" + arguments
                                    + ") { edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                            variables)
                    .at("/data/" + field);
            page.at("/edges").forEach(e -> ids.add(e.at("/node/id").asString()));
            after = page.at("/pageInfo/hasNextPage").asBoolean()
                    ? page.at("/pageInfo/endCursor").asString()
                    : null;
        } while (after != null && ids.size() < 10_000);
        if (ids.isEmpty()) {
            throw new IllegalStateException("No " + field + " in the demo data");
        }
        return ids;
    }

    private static void awaitSubscribed(OmsStack stack, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double active = 0;
        while (System.nanoTime() < deadline) {
            active = metric(stack, "oms.subscriptions.active");
            if (active >= expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Only " + (long) active + " of " + expected + " subscriptions registered");
    }

    private static long heapAfterGc(OmsStack stack, ManagedProcess process) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.out.println("(jcmd unavailable: heap figures include garbage)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (long) metric(stack, "jvm.memory.used?tag=area:heap");
    }

    private static double metricStatistic(OmsStack stack, String name, String statistic) {
        return Actuator.statistic(stack.managementUrl("orders"), name, statistic);
    }

    private static double metric(OmsStack stack, String name) {
        return Actuator.value(stack.managementUrl("orders"), name);
    }

    private static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /** Latency samples in microseconds. */
    private static final class Latencies {
        private final long[] samples;
        private final AtomicInteger size = new AtomicInteger();

        Latencies(int capacity) {
            samples = new long[capacity];
        }

        void add(long micros) {
            int i = size.getAndIncrement();
            if (i < samples.length) {
                samples[i] = micros;
            }
        }

        long percentile(double p) {
            int n = Math.min(size.get(), samples.length);
            if (n == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return sorted[Math.min(n - 1, (int) Math.ceil(p * n) - 1)];
        }

        String summary() {
            return "p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms   (%,d samples)"
                    .formatted(
                            percentile(0.50) / 1000.0,
                            percentile(0.99) / 1000.0,
                            percentile(1.0) / 1000.0,
                            Math.min(size.get(), samples.length));
        }
    }
}
