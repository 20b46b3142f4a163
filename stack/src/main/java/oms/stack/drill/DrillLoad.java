package oms.stack.drill;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import oms.stack.OmsStack;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LiveConnection;
import oms.testsupport.LiveSubscription;
import tools.jackson.databind.JsonNode;

/**
 * The steady traffic a fault drill runs under, through the router with real tokens: two readers of
 * the storefront's order page (with customers, products and shipments from the other subgraphs), one
 * client placing single orders, one placing batches of 50, and one staff subscription to every status
 * change that resumes from its last cursor whenever it ends. Clients behave as good clients do: an
 * order that got no answer is retried with the same idempotency key. What happens is counted per
 * {@link Tally}, one per scenario.
 */
final class DrillLoad implements AutoCloseable {

    static final String PAGE = "{ orders(first: 10) { edges { node { number status customer { name } "
            + "lines { sku product { name } } shipment { status } } } } }";
    private static final String PLACE = """
            mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }""";
    private static final String PLACE_BATCH = """
            mutation($input: CreateOrdersInput!) { createOrders(input: $input) {
              results { order { id } userErrors { code } } userErrors { code } } }""";
    private static final String FEED = """
            subscription($after: String) { orderStatusChanges(after: $after) { cursor orderId version } }""";
    static final int BATCH = 50;
    private static final int ATTEMPTS = 8;

    /** What happened during one scenario. */
    static final class Tally {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong whole = new AtomicLong();
        final AtomicLong degraded = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<String, AtomicLong> codes = new ConcurrentHashMap<>();
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        volatile Instant lastWholeRead;
        volatile Instant lastAcknowledged;
        volatile Instant lastFailure;

        void code(String code) {
            codes.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
        }

        String codes() {
            Map<String, Long> sorted = new TreeMap<>();
            codes.forEach((code, n) -> sorted.put(code, n.get()));
            return sorted.isEmpty() ? "-" : sorted.toString().replaceAll("[{}]", "");
        }
    }

    private final OmsStack stack;
    private final List<String> products;
    private final List<String> customers;
    private final List<Thread> threads = new ArrayList<>();
    /** Every status change the subscription delivered: order id → versions. */
    private final Map<String, Set<Integer>> delivered = new ConcurrentHashMap<>();

    private final AtomicLong resumes = new AtomicLong();
    /** Why and when the subscription ended and how it resumed: printed where events were missed. */
    private final List<String> feedLog = new CopyOnWriteArrayList<>();

    private volatile Tally tally = new Tally();
    private volatile boolean running = true;
    private volatile String cursor;

    DrillLoad(OmsStack stack, List<String> products, List<String> customers) {
        this.stack = stack;
        this.products = products;
        this.customers = customers;
    }

    /** Starts counting into a fresh tally and returns it. */
    Tally begin() {
        Tally fresh = new Tally();
        tally = fresh;
        return fresh;
    }

    void start() {
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofVirtual().name("drill-reader-" + i).start(this::read));
        }
        threads.add(Thread.ofVirtual().name("drill-orders").start(this::placeSingles));
        threads.add(Thread.ofVirtual().name("drill-batches").start(this::placeBatches));
        threads.add(Thread.ofVirtual().name("drill-feed").start(this::follow));
    }

    private GraphQlClient as(String user) {
        return new GraphQlClient(stack.routerUrl()).withBearer(stack.token(user));
    }

    private void read() {
        while (running) {
            Tally t = tally;
            t.sent.incrementAndGet();
            try {
                JsonNode response = as("sam").execute(PAGE);
                if (!response.path("errors").isEmpty()
                        || response.at("/data/orders/edges").isMissingNode()) {
                    response.path("errors")
                            .forEach(e -> t.code(e.at("/extensions/code").asString("(no code)")));
                    if (response.at("/data/orders/edges").isArray()
                            && !response.at("/data/orders/edges").isEmpty()) {
                        t.degraded.incrementAndGet();
                    } else {
                        t.failed.incrementAndGet();
                        t.lastFailure = Instant.now();
                    }
                } else {
                    t.whole.incrementAndGet();
                    t.lastWholeRead = Instant.now();
                }
            } catch (RuntimeException noAnswer) {
                t.failed.incrementAndGet();
                t.code("(no answer)");
                t.lastFailure = Instant.now();
            }
            pause(100);
        }
    }

    private Map<String, Object> order(int n) {
        return Map.of(
                "customerId",
                customers.get(n % customers.size()),
                "paymentMethod",
                "INVOICE",
                "items",
                List.of(Map.of("productId", products.get(n % products.size()), "quantity", 1)),
                "shippingAddress",
                Map.of("line1", "1 Drill Street", "city", "Berlin", "postalCode", "10115", "country", "DE"));
    }

    private void placeSingles() {
        int n = 0;
        while (running) {
            Map<String, Object> input = new HashMap<>(order(n++));
            input.put("idempotencyKey", UUID.randomUUID().toString());
            JsonNode result = place(PLACE, Map.of("input", input), "/data/createOrder");
            if (result != null && !result.at("/order/id").isMissingNode()) {
                tally.acknowledged.add(result.at("/order/id").asString());
            }
            pause(200);
        }
    }

    private void placeBatches() {
        int n = 0;
        while (running) {
            List<Map<String, Object>> orders = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                orders.add(order(n++));
            }
            JsonNode result = place(
                    PLACE_BATCH,
                    Map.of(
                            "input",
                            Map.of(
                                    "orders",
                                    orders,
                                    "errorPolicy",
                                    "PER_ORDER",
                                    "idempotencyKey",
                                    UUID.randomUUID().toString())),
                    "/data/createOrders");
            if (result != null) {
                result.path("results").forEach(r -> {
                    if (!r.at("/order/id").isMissingNode()) {
                        tally.acknowledged.add(r.at("/order/id").asString());
                    }
                });
            }
            pause(2_000);
        }
    }

    /**
     * Sends a mutation until it is answered (the same idempotency key every time, so a retry never
     * creates a second order); answers the payload, or null when every attempt failed.
     */
    private JsonNode place(String mutation, Map<String, Object> variables, String payload) {
        for (int attempt = 1; attempt <= ATTEMPTS && running; attempt++) {
            Tally t = tally;
            t.sent.incrementAndGet();
            try {
                JsonNode response = as("sam").execute(mutation, variables);
                JsonNode result = response.at(payload);
                if (!result.isMissingNode() && !result.isNull()) {
                    t.whole.incrementAndGet();
                    t.lastAcknowledged = Instant.now();
                    return result;
                }
                response.path("errors")
                        .forEach(e -> t.code(e.at("/extensions/code").asString("(no code)")));
            } catch (RuntimeException noAnswer) {
                t.code("(no answer)");
            }
            t.failed.incrementAndGet();
            t.lastFailure = Instant.now();
            pause(Math.min(4_000, 250L << attempt));
        }
        return null;
    }

    /** The staff feed of every status change; resumed from the last cursor whenever it ends. */
    private void follow() {
        URI uri = URI.create(stack.routerUrl().replaceFirst("^http", "ws"));
        while (running) {
            java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
            try (LiveConnection connection = LiveConnection.open(uri, stack.token("ada"))) {
                Map<String, Object> variables = new HashMap<>();
                variables.put("after", cursor);
                note("subscribing after " + cursor);
                connection.subscribe(FEED, variables, new LiveSubscription.Listener() {
                    @Override
                    public void next(JsonNode payload, String raw) {
                        JsonNode event = payload.at("/data/orderStatusChanges");
                        if (event.isObject()) {
                            delivered
                                    .computeIfAbsent(
                                            event.path("orderId").asString(), id -> ConcurrentHashMap.newKeySet())
                                    .add(event.path("version").asInt());
                            cursor = event.path("cursor").asString();
                        } else {
                            note("ended by " + payload.path("errors"));
                            ended.countDown();
                        }
                    }

                    @Override
                    public void error(JsonNode errors) {
                        note("ended by error " + errors);
                        ended.countDown();
                    }

                    @Override
                    public void complete() {
                        note("completed");
                        ended.countDown();
                    }
                });
                while (running && !ended.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    // following
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException refused) {
                // the router or orders is away: try again shortly
                note("could not subscribe: " + refused.getMessage());
            }
            if (running) {
                resumes.incrementAndGet();
                pause(1_000);
            }
        }
    }

    private void note(String what) {
        String line = Instant.now() + " " + what;
        feedLog.add(line.length() > 300 ? line.substring(0, 300) + "…" : line);
    }

    /** The subscription's log since the last call. */
    List<String> takeFeedLog() {
        List<String> lines = List.copyOf(feedLog);
        feedLog.removeAll(lines);
        return lines;
    }

    /** The versions of an order's status changes the subscription delivered. */
    Set<Integer> delivered(String orderId) {
        return delivered.getOrDefault(orderId, Set.of());
    }

    long resumes() {
        return resumes.get();
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
