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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    /** Batches are sent when due, not when the one before is answered; at most this many unanswered. */
    private static final int IN_FLIGHT = 4;
    /** Warm-up and measurement go in windows of this length. */
    private static final Duration WINDOW = Duration.ofSeconds(5);
    /**
     * Placing orders before anyone subscribes, until the JIT compilers use under {@link #JIT_SETTLED} of the
     * stack's CPU in one window: a JVM compiles its hot code for minutes after it starts, and what that takes is
     * start-up cost a running service no longer pays.
     */
    private static final int MIN_WARM_UP_WINDOWS = 2;

    private static final int MAX_WARM_UP_WINDOWS = 36;
    /** Then with the subscribers, for the delivery path; bounded because their token lasts 5 minutes. */
    private static final int MAX_DELIVERY_WARM_UP_WINDOWS = 8;

    private static final double JIT_SETTLED = 0.10;
    private static final Duration MEASURE = Duration.ofSeconds(30);
    /**
     * A fixed heap big enough for 10,000 subscribers (no full collections while the heap grows), unless
     * {@code OMS_SUBGRAPH_JAVA_OPTS} gives the subgraphs' JVM options, e.g. to compare collectors.
     */
    private static final String JAVA_OPTIONS = StackOptions.subgraphJavaOptions(
            StackOptions.DEFAULT_JAVA_OPTIONS.replace("-Xms32m -Xmx160m", "-Xms768m -Xmx768m"));

    private SubscriptionBenchmark() {}

    public static void run(Path project) throws IOException, InterruptedException, SQLException {
        System.out.println("Starting a throw-away stack for the benchmark (subgraphs: " + JAVA_OPTIONS + ") ...");
        try (OmsStack stack = OmsStack.start(StackOptions.forTests(project).withSubgraphJavaOptions(JAVA_OPTIONS));
                Connection feed = DriverManager.getConnection(
                        stack.postgres().jdbcUrl("oms_orders"), LocalPostgres.USER, LocalPostgres.PASSWORD)) {
            Latencies baseline = redisBaseline(stack.redis().url());
            System.out.printf("raw Redis pub/sub, %d msg/s for 5 s: %s%n", 2 * ORDERS_PER_SECOND, baseline.summary());

            GraphQlClient orders =
                    new GraphQlClient(stack.subgraphUrl("orders") + "/graphql").withBearer(stack.token("sam"));
            GraphQlClient router = new GraphQlClient(stack.routerUrl()).withBearer(stack.token("sam"));
            List<String> withStatus = ids(router, "customers", "", "status");
            List<String> customers =
                    withStatus.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
            // blocked customers cannot place orders: the producer leaves them out
            List<String> buyers = withStatus.stream()
                    .filter(c -> !c.endsWith(" BLOCKED"))
                    .map(c -> c.substring(0, c.indexOf(' ')))
                    .toList();
            List<String> products = ids(router, "products", ", activeOnly: true", "");
            List<String> existingOrders = ids(orders, "orders", "", "");
            ManagedProcess ordersProcess = stack.processes().get("orders");
            ProcessCpu cpu = new ProcessCpu(stack, Map.of());
            Producer producer = new Producer(stack, buyers, products);
            Thread producing = Thread.ofVirtual().start(producer);

            System.out.printf(
                    "Warming up: placing %d orders/s (batches of %d) before anyone subscribes, until the JIT compilers "
                            + "take under %.0f %% of the stack's CPU in a %d s window (%d to %d windows) ...%n",
                    ORDERS_PER_SECOND,
                    BATCH,
                    JIT_SETTLED * 100,
                    WINDOW.toSeconds(),
                    MIN_WARM_UP_WINDOWS,
                    MAX_WARM_UP_WINDOWS);
            warmUp(cpu, producer, feed, null, MIN_WARM_UP_WINDOWS, MAX_WARM_UP_WINDOWS);
            producer.paused = true;

            long heapBefore = heapAfterGc(stack, ordersProcess);
            long rssBefore = ordersProcess.residentBytes();
            Queue<long[]> receipts = new ConcurrentLinkedQueue<>();
            AtomicBoolean recording = new AtomicBoolean(false);
            AtomicLong activeDeliveries = new AtomicLong();
            AtomicLong otherDeliveries = new AtomicLong();
            AtomicInteger ended = new AtomicInteger();
            AtomicReference<String> firstEnd = new AtomicReference<>();
            URI ws = URI.create(stack.subgraphUrl("orders").replaceFirst("^http", "ws") + "/subscriptions");
            String token = stack.freshToken("sam"); // subscriptions end when their token expires
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

            producer.paused = false;
            System.out.printf(
                    "Warming up the delivery path: placing again with the subscribers (%d s windows, until the JIT "
                            + "compilers take under %.0f %%, at most %d) ...%n",
                    WINDOW.toSeconds(), JIT_SETTLED * 100, MAX_DELIVERY_WARM_UP_WINDOWS);
            warmUp(cpu, producer, feed, activeDeliveries, 1, MAX_DELIVERY_WARM_UP_WINDOWS);
            double gcAtStart = metricStatistic(stack, "jvm.gc.pause", "TOTAL_TIME");
            double gcCountAtStart = metricStatistic(stack, "jvm.gc.pause", "COUNT");
            double filledAtStart = metric(stack, "oms.subscriptions.filled");
            long deliveriesAtStart = activeDeliveries.get();
            recording.set(true);
            Window subscribed = Window.measure(cpu, producer, feed, MEASURE);
            recording.set(false);
            long changesDelivered = activeDeliveries.get() - deliveriesAtStart;
            long rssLoaded = ordersProcess.residentBytes();
            long rssPeak = ProcessHandle.of(ordersProcess.pid())
                    .map(Memory::peakResidentBytes)
                    .orElse(0L);
            double gcSeconds = metricStatistic(stack, "jvm.gc.pause", "TOTAL_TIME") - gcAtStart;
            double gcCount = metricStatistic(stack, "jvm.gc.pause", "COUNT") - gcCountAtStart;
            double filledDuring = metric(stack, "oms.subscriptions.filled") - filledAtStart;
            int endedEarly = ended.get();
            String firstEnded = firstEnd.get();

            System.out.println("Closing every subscription, then the same placing with nobody subscribed ...");
            connections.forEach(LiveConnection::close);
            awaitUnsubscribed(stack, Duration.ofSeconds(60));
            Window alone = Window.measure(cpu, producer, feed, MEASURE);
            producer.stopped = true;
            producing.join(Duration.ofSeconds(10));
            Latencies measured = commitToReceipt(feed, receipts);

            System.out.println();
            System.out.printf(
                    "subscribers                 : %,d on one orders instance (%d WebSockets; %d follow a "
                            + "customer's orders, the rest single orders)%n",
                    SUBSCRIBERS, connections.size(), customers.size());
            System.out.printf(
                    "status changes              : %,.0f committed and %,.0f delivered per second over %.0f s (%,.0f "
                            + "orders placed per second; aim: 1,000 changes/s)%n",
                    subscribed.changes / subscribed.seconds,
                    changesDelivered / subscribed.seconds,
                    subscribed.seconds,
                    subscribed.placed / subscribed.seconds);
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
                    "orders instance resident    : %s at the end of the measured window, at most %s since it started "
                            + "(what a memory limit must hold)%n",
                    Memory.mib(rssLoaded), Memory.mib(rssPeak));
            System.out.printf(
                    "orders instance GC          : %.2f s paused in %.0f pauses during the %.0f s measured (%.0f ms "
                            + "each on average)%n",
                    gcSeconds, gcCount, subscribed.seconds, gcCount > 0 ? gcSeconds * 1000 / gcCount : 0);
            System.out.printf(
                    "read from the database      : %,.0f of the changes (no Redis message brought them in order: "
                            + "the feed check or a hole filled)%n",
                    filledDuring);
            printCpu(subscribed, alone);
            System.out.printf(
                    "WebSocket opens retried     : %d (no connection_ack within the server's 10 s init timeout)%n",
                    LiveConnection.initRetries());
            System.out.printf(
                    "subscriptions ended early   : %d%s%n",
                    endedEarly, firstEnded == null ? "" : " (first: " + firstEnded + ")");
            System.out.printf(
                    "batches not sent            : %d while measured, %d in all (%d of %d orders each still "
                            + "unanswered when due)%n",
                    subscribed.skipped, producer.skipped.get(), IN_FLIGHT, BATCH);
            if (producer.failures.get() > 0) {
                System.out.printf(
                        "placing failed              : %d batches (first: %s)%n",
                        producer.failures.get(), producer.firstFailure.get());
            }
        }
    }

    /**
     * Machine-wide CPU per committed status change with the subscribers and without them (the same placing),
     * and the difference: what delivering costs, the producer's CPU (placing and the saga) excluded.
     */
    private static void printCpu(Window subscribed, Window alone) {
        int cores = Runtime.getRuntime().availableProcessors();
        double with = subscribed.perChange(subscribed.cpu.getOrDefault("all", 0L));
        double without = alone.perChange(alone.cpu.getOrDefault("all", 0L));
        System.out.printf(
                "CPU per status change       : every process of the stack, the benchmark's client left out%n");
        System.out.printf(
                "  with %,d subscribers  : %.3f ms (%s); JIT compilation %.0f %% of it; at that cost %d cores "
                        + "carry %,.0f changes/s%n",
                SUBSCRIBERS, with, subscribed.perProcess(), subscribed.jitShare() * 100, cores, cores * 1000 / with);
        System.out.printf(
                "  nobody subscribed      : %.3f ms (%s); JIT compilation %.0f %% of it; %,.0f changes/s "
                        + "committed%n",
                without, alone.perProcess(), alone.jitShare() * 100, alone.changes / alone.seconds);
        double delivery = with - without;
        double ordersDelivery = subscribed.perChange(subscribed.cpu.getOrDefault("orders", 0L))
                - alone.perChange(alone.cpu.getOrDefault("orders", 0L));
        System.out.printf(
                "  delivery alone         : %.3f ms per change (the difference; orders instance %.3f ms): %s%n",
                delivery,
                ordersDelivery,
                delivery > 0
                        ? "%d cores would deliver %,.0f changes/s with the producer elsewhere"
                                .formatted(cores, cores * 1000 / delivery)
                        : "within the spread of the two windows");
        System.out.printf(
                "  the benchmark's client : %.3f ms per change with the subscribers (placing and receiving), "
                        + "%.3f ms without (placing)%n",
                subscribed.perChange(subscribed.clientMs), alone.perChange(alone.clientMs));
    }

    /** Places orders in windows until the JIT compilers settle; prints each window. */
    private static void warmUp(
            ProcessCpu cpu, Producer producer, Connection feed, AtomicLong deliveries, int min, int max)
            throws InterruptedException, SQLException {
        for (int w = 0; w < max; w++) {
            long delivered = deliveries == null ? 0 : deliveries.get();
            Window window = Window.measure(cpu, producer, feed, WINDOW);
            System.out.printf(
                    "  window %d: %,.0f orders placed/s, %,.0f changes committed/s%s; JIT compilers %.0f %% of the "
                            + "stack's CPU%n",
                    w + 1,
                    window.placed / window.seconds,
                    window.changes / window.seconds,
                    deliveries == null
                            ? ""
                            : ", %,.0f delivered/s".formatted((deliveries.get() - delivered) / window.seconds),
                    window.jitShare() * 100);
            if (w + 1 >= min && window.jitShare() < JIT_SETTLED) {
                return;
            }
        }
    }

    /** CPU, orders placed and status changes committed over one stretch of placing. */
    private record Window(
            double seconds,
            long placed,
            long changes,
            Map<String, Long> cpu,
            Map<String, Long> jit,
            long clientMs,
            long skipped) {

        static Window measure(ProcessCpu cpu, Producer producer, Connection feed, Duration length)
                throws InterruptedException, SQLException {
            Map<String, Long> cpuBefore = cpu.snapshot();
            Map<String, Long> jitBefore = cpu.compilerSnapshot();
            long clientBefore = clientCpuMillis();
            long placedBefore = producer.placed.get();
            long skippedBefore = producer.skipped.get();
            long feedBefore = feedPosition(feed);
            long t0 = System.nanoTime();
            Thread.sleep(length.toMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Window(
                    seconds,
                    producer.placed.get() - placedBefore,
                    feedPosition(feed) - feedBefore,
                    ProcessCpu.difference(cpu.snapshot(), cpuBefore),
                    ProcessCpu.difference(cpu.compilerSnapshot(), jitBefore),
                    clientCpuMillis() - clientBefore,
                    producer.skipped.get() - skippedBefore);
        }

        double perChange(long ms) {
            return changes > 0 ? (double) ms / changes : 0;
        }

        double jitShare() {
            return ProcessCpu.jitShare(jit, cpu);
        }

        /** Milliseconds per change by process, largest first, those under 1 % of the whole left out. */
        String perProcess() {
            return ProcessCpu.perUnit(cpu, changes, cpu.getOrDefault("all", 0L) / 100, 3);
        }
    }

    /** The benchmark's own JVM: the subscribers' client and the producer. */
    private static long clientCpuMillis() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toMillis)
                .orElse(0L);
    }

    /** The last position of the orders' status feed: one per committed status change. */
    private static long feedPosition(Connection feed) throws SQLException {
        try (PreparedStatement query = feed.prepareStatement("SELECT coalesce(max(seq), 0) FROM order_status_history");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Receipt time minus the commit time of each received change (found by its feed position). */
    private static Latencies commitToReceipt(Connection db, Collection<long[]> receipts) {
        Map<Long, Long> committed = new HashMap<>();
        String sql = "SELECT seq, (extract(epoch FROM pg_xact_commit_timestamp(xmin)) * 1000000)::bigint "
                + "FROM order_status_history WHERE seq = ANY(?)";
        try (PreparedStatement query = db.prepareStatement(sql)) {
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

    /**
     * Places orders in batches at a steady rate, spread over the customers, straight at the orders service,
     * with a current token for each batch; a failed batch is counted and placing goes on. A batch goes out
     * when it is due, so a slow answer does not lower the rate, unless {@link #IN_FLIGHT} are unanswered.
     */
    private static final class Producer implements Runnable {
        private final OmsStack stack;
        private final List<String> customers;
        private final List<String> products;
        final AtomicLong placed = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        /** Batches not sent because {@link #IN_FLIGHT} were still unanswered. */
        final AtomicLong skipped = new AtomicLong();

        private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        volatile boolean paused;
        volatile boolean stopped;

        Producer(OmsStack stack, List<String> customers, List<String> products) {
            this.stack = stack;
            this.customers = customers;
            this.products = products;
        }

        @Override
        public void run() {
            String url = stack.subgraphUrl("orders") + "/graphql";
            long interval = TimeUnit.SECONDS.toNanos(1) * BATCH / ORDERS_PER_SECOND;
            long next = System.nanoTime();
            int n = 0;
            while (!stopped) {
                if (paused) {
                    sleep(TimeUnit.MILLISECONDS.toNanos(50));
                    next = System.nanoTime();
                    continue;
                }
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
                if (inFlight.tryAcquire()) {
                    Thread.ofVirtual().start(() -> place(url, batch));
                } else {
                    skipped.incrementAndGet(); // the stack is behind: this batch is not sent
                }
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleep(wait);
                } else if (-wait > interval) {
                    next = System.nanoTime(); // more than a batch behind: no catch-up burst
                }
            }
        }

        private void place(String url, List<Map<String, Object>> batch) {
            try {
                JsonNode result = new GraphQlClient(url)
                        .withBearer(stack.token("sam"))
                        .execute(
                                "mutation($o: [CreateOrderInput!]!) { createOrders(input: {orders: $o}) "
                                        + "{ acceptedCount } }",
                                Map.of("o", batch));
                placed.addAndGet(result.at("/data/createOrders/acceptedCount").asInt());
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, e.toString());
            } finally {
                inFlight.release();
            }
        }

        private void sleep(long nanos) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
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

    /** The ids of a connection's nodes, each followed by a space and the value of {@code also} if given. */
    private static List<String> ids(GraphQlClient client, String field, String arguments, String also) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            JsonNode page = client.execute(
                            "query($after: String) { " + field + "(first: 100, after: $after" + arguments
                                    + ") { edges { node { id " + also + " } } pageInfo { hasNextPage endCursor } } }",
                            variables)
                    .at("/data/" + field);
            page.at("/edges")
                    .forEach(e -> ids.add(e.at("/node/id").asString()
                            + (also.isEmpty() ? "" : " " + e.at("/node/" + also).asString())));
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

    private static void awaitUnsubscribed(OmsStack stack, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (metric(stack, "oms.subscriptions.active") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Subscriptions still open after their connections were closed");
            }
            Thread.sleep(200);
        }
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
