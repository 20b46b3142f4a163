package oms.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import oms.signature.RouterSignature;
import oms.stack.ManagedProcess;
import oms.stack.OmsStack;
import oms.stack.StackOptions;
import oms.testsupport.GraphQlClient;
import oms.testsupport.GraphQlRequests;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./oms bench reads}: the read path against its peers in one run. One throw-away stack (tracing
 * off, so that only the request path is measured), our router (Hive Gateway with Hive Router's query
 * planner, as deployed), the same with the JavaScript planner, and Apollo Gateway
 * ({@code router-config/apollo-gateway}: the same committed supergraph, the caller's token forwarded,
 * subgraph requests signed as the router signs them) side by side over the same subgraphs. Two pages:
 * the federated 20-order page (customer, lines with products and stock, shipment: all four subgraphs)
 * and an orders-only page, the latter also straight to the orders subgraph. Every request has distinct
 * variables (another page cursor, another upper placement bound), so no router can share the work of
 * identical requests in flight. Alternating rounds after a warm-up; prints requests/s with the spread of
 * the rounds, p50/p99, and CPU milliseconds per request of the whole stack and per process (the load
 * generator's own CPU left out), and idle memory per process.
 */
public final class ReadsBenchmark {

    static final String FEDERATED_PAGE = """
            query Page($after: String, $before: DateTime) {
              orders(first: 20, after: $after, filter: { placedTo: $before }) { edges { node { number status placedAt
                customer { name email }
                lines { quantity unitPrice { amount currency } product { sku name stock { available } } }
                totals { total { amount currency } }
                shipment { status carrier { name } trackingNumber trackingUrl } } } pageInfo { hasNextPage endCursor } } }""";
    static final String ORDERS_PAGE = """
            query Page($after: String, $before: DateTime) {
              orders(first: 20, after: $after, filter: { placedTo: $before }) { edges { node { number status placedAt
                lines { quantity sku unitPrice { amount currency } }
                totals { total { amount currency } } } } pageInfo { hasNextPage endCursor } } }""";
    private static final int CLIENTS = 8;
    /**
     * Per target and page: long enough for the JIT compilers of every process to settle (at ~10 pages/s
     * the subgraphs are still compiling after a minute; measured before they settle, compilation is
     * most of their CPU).
     */
    private static final Map<String, Duration> WARM_UP =
            Map.of(FEDERATED_PAGE, Duration.ofSeconds(60), ORDERS_PAGE, Duration.ofSeconds(20));

    private static final Duration ROUND = Duration.ofSeconds(10);
    private static final int ROUNDS = 4;
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
    /** The router's limits stay on; the budget is sized so that this load is never throttled. */
    private static final Map<String, String> UNTHROTTLED =
            Map.of("OMS_RATE_LIMIT_REFILL", "100000000", "OMS_RATE_LIMIT_CAPACITY", "100000000");

    private ReadsBenchmark() {}

    private record Target(String name, URI url, boolean signed) {}

    /** A measured round: the load, the CPU milliseconds by process, and of them the JIT compilers'. */
    private record Round(LoadRun.Result load, Map<String, Long> cpu, long jitMs) {}

    public static void run(Path project) throws IOException {
        System.out.println("Starting a throw-away stack (tracing off), our router and Apollo Gateway ...");
        StackOptions options = StackOptions.forTests(project).withTracing(false);
        try (OmsStack stack = OmsStack.start(options)) {
            String router = stack.startExtraRouter("router-bench", StackOptions.freePort(), UNTHROTTLED);
            // the router as deployed uses Hive Router's (Rust) query planner; the JavaScript one for comparison
            Map<String, String> js = new LinkedHashMap<>(UNTHROTTLED);
            js.put("OMS_QUERY_PLANNER", "js");
            String jsRouter = stack.startExtraRouter("router-js", StackOptions.freePort(), js);
            Map<String, ManagedProcess> peers = new LinkedHashMap<>();
            try (ManagedProcess apollo = startApolloGateway(project, options)) {
                peers.put("apollo-gateway", apollo);
                run(stack, new ProcessCpu(stack, peers), URI.create(router), URI.create(jsRouter), apollo);
            }
        }
    }

    private static void run(OmsStack stack, ProcessCpu cpu, URI router, URI jsRouter, ManagedProcess apollo) {
        // tokens live a few minutes and the run takes longer: a fresh one for every round
        java.util.function.Supplier<String> tokens = () -> stack.token("sam");
        String token = tokens.get();
        URI apolloUrl = URI.create(apollo.healthUrl().replace("/readiness", "/graphql"));
        URI orders = URI.create(stack.subgraphUrl("orders") + "/graphql");
        List<String> cursors = cursors(router, token);
        System.out.printf("%d distinct pages of 20 orders%n", cursors.size());

        System.out.println("\nIdle resident memory per process (MiB):");
        Map<String, ManagedProcess> all = new TreeMap<>(stack.processes());
        all.put("apollo-gateway", apollo);
        all.forEach((name, p) -> System.out.printf("  %-16s %6.0f%n", name, p.residentBytes() / 1048576.0));

        Map<String, List<Target>> pages = new LinkedHashMap<>();
        Target ours = new Target("our router", router, false);
        Target js = new Target("ours, JS planner", jsRouter, false);
        Target peer = new Target("Apollo Gateway", apolloUrl, false);
        pages.put(FEDERATED_PAGE, List.of(ours, js, peer));
        pages.put(ORDERS_PAGE, List.of(ours, js, peer, new Target("orders subgraph", orders, true)));
        Map<String, String> titles = Map.of(
                FEDERATED_PAGE,
                "federated 20-order page (all four subgraphs)",
                ORDERS_PAGE,
                "orders-only 20-order page");

        for (Map.Entry<String, List<Target>> page : pages.entrySet()) {
            String query = page.getKey();
            List<Target> targets = page.getValue();
            System.out.printf(
                    "%n== %s: %d clients, %d rounds of %d s after a warm-up, alternating ==%n",
                    titles.get(query), CLIENTS, ROUNDS, ROUND.toSeconds());
            for (Target t : targets) {
                check(t, query, cursors, tokens.get());
                System.out.println(LoadRun.run(
                        "warm-up " + t.name(),
                        t.url(),
                        bodies(query, cursors, t.signed()),
                        tokens.get(),
                        CLIENTS,
                        WARM_UP.get(query)));
            }
            Map<String, List<Round>> rounds = new LinkedHashMap<>();
            targets.forEach(t -> rounds.put(t.name(), new ArrayList<>()));
            for (int r = 0; r < ROUNDS; r++) {
                for (int i = 0; i < targets.size(); i++) {
                    Target t = targets.get((i + r) % targets.size());
                    Map<String, Long> before = cpu.snapshot();
                    Map<String, Long> jitBefore = cpu.compilerSnapshot();
                    LoadRun.Result load = LoadRun.run(
                            "round " + (r + 1) + " " + t.name(),
                            t.url(),
                            bodies(query, cursors, t.signed()),
                            tokens.get(),
                            CLIENTS,
                            ROUND);
                    rounds.get(t.name())
                            .add(new Round(
                                    load,
                                    ProcessCpu.difference(cpu.snapshot(), before),
                                    ProcessCpu.difference(cpu.compilerSnapshot(), jitBefore)
                                            .getOrDefault("all", 0L)));
                    System.out.println(load);
                }
            }
            report(rounds);
        }
    }

    private static void report(Map<String, List<Round>> rounds) {
        System.out.printf(
                "%n%-20s %8s %8s %8s %8s %10s   CPU ms per request by process%n",
                "", "req/s", "spread", "p50 ms", "p99 ms", "CPU ms/req");
        Map<String, Double> perSecond = new LinkedHashMap<>();
        rounds.forEach((name, list) -> {
            double[] rates = list.stream()
                    .mapToDouble(r -> r.load().perSecond())
                    .sorted()
                    .toArray();
            double median = median(rates);
            long requests = list.stream().mapToLong(r -> r.load().requests()).sum();
            long failures = list.stream().mapToLong(r -> r.load().failures()).sum();
            Map<String, Long> cpu = new TreeMap<>();
            list.forEach(r -> r.cpu().forEach((k, v) -> cpu.merge(k, v, Long::sum)));
            StringBuilder by = new StringBuilder();
            cpu.forEach((process, ms) -> {
                double each = (double) ms / requests;
                if (!"all".equals(process) && each >= 0.05) {
                    by.append(String.format(" %s %.1f", process, each));
                }
            });
            // JIT compilation still under way in a measured round is start-up cost, not the request path's
            by.append(String.format(
                    "; of it JIT compilation %.1f",
                    (double) list.stream().mapToLong(Round::jitMs).sum() / requests));
            perSecond.put(name, median);
            System.out.printf(
                    "%-20s %8.1f %7.0f%% %8.1f %8.1f %10.1f  %s%s%n",
                    name,
                    median,
                    (rates[rates.length - 1] - rates[0]) / 2 / median * 100,
                    median(list.stream()
                            .mapToDouble(r -> r.load().p50Micros() / 1000.0)
                            .sorted()
                            .toArray()),
                    median(list.stream()
                            .mapToDouble(r -> r.load().p99Micros() / 1000.0)
                            .sorted()
                            .toArray()),
                    (double) cpu.getOrDefault("all", 0L) / requests,
                    by,
                    failures == 0 ? "" : "   (" + failures + " failed)");
        });
        Double ours = perSecond.get("our router");
        Double js = perSecond.get("ours, JS planner");
        Double apollo = perSecond.get("Apollo Gateway");
        if (ours != null && apollo != null) {
            System.out.printf("our router / Apollo Gateway: %.2f× the requests/s (aim ≥ 2.5×)%n", ours / apollo);
        }
        if (ours != null && js != null) {
            System.out.printf("our router (Rust planner) / ours with the JavaScript planner: %.2f×%n", ours / js);
        }
        Double direct = perSecond.get("orders subgraph");
        if (ours != null && direct != null) {
            System.out.printf("our router / orders subgraph directly: %.2f× the requests/s%n", ours / direct);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The request bodies: page cursors in turn, and a placement bound that differs by a millisecond each time. */
    private static LongFunction<String> bodies(String query, List<String> cursors, boolean signed) {
        return n -> {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("after", cursors.get((int) (n % cursors.size())));
            variables.put("before", FAR.plusMillis(n).toString());
            return GraphQlClient.json().writeValueAsString(GraphQlRequests.body(query, variables, signed));
        };
    }

    /** Every page's start cursor (null for the first), walked through our router. */
    private static List<String> cursors(URI router, String token) {
        GraphQlClient client = new GraphQlClient(router.toString()).withBearer(token);
        List<String> cursors = new ArrayList<>();
        String after = null;
        do {
            cursors.add(after);
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("after", after);
            JsonNode info = client.execute(ORDERS_PAGE, variables).at("/data/orders/pageInfo");
            after = info.at("/hasNextPage").asBoolean() ? info.at("/endCursor").asString() : null;
        } while (after != null && cursors.size() < 100);
        return cursors;
    }

    /** One request of the page, so that a target answering errors is seen before it is measured. */
    private static void check(Target t, String query, List<String> cursors, String token) {
        String body = bodies(query, cursors, t.signed()).apply(1);
        GraphQlClient.Response answer = new GraphQlClient(t.url().toString())
                .withBearer(token)
                .unsigned()
                .send(body);
        JsonNode edges = answer.body().at("/data/orders/edges");
        if (answer.status() != 200 || answer.body().has("errors") || edges.size() != 20) {
            throw new IllegalStateException(t.name() + " answered " + answer.status() + ": " + answer.body());
        }
    }

    private static ManagedProcess startApolloGateway(Path project, StackOptions options) throws IOException {
        Path dir = project.resolve("router-config").resolve("apollo-gateway");
        if (!Files.isRegularFile(dir.resolve("node_modules/.package-lock.json"))
                || Files.getLastModifiedTime(dir.resolve("package-lock.json"))
                                .compareTo(Files.getLastModifiedTime(dir.resolve("node_modules/.package-lock.json")))
                        > 0) {
            System.out.println("Installing Apollo Gateway (npm ci in router-config/apollo-gateway) ...");
            try {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(dir.toFile())
                        .inheritIO()
                        .start();
                if (npm.waitFor() != 0) {
                    throw new IllegalStateException("npm ci failed in " + dir);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        int port = StackOptions.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("NODE_ENV", "production");
        // the supergraph the stack's router serves, with this stack's subgraph ports
        env.put(
                "OMS_SUPERGRAPH",
                options.dataDir().resolve("supergraph.graphql").toString());
        env.put(RouterSignature.SECRET_ENV, RouterSignature.configuredSecret());
        String node = System.getenv().getOrDefault("OMS_NODE", "node");
        ManagedProcess apollo = ManagedProcess.start(
                "apollo-gateway",
                List.of(node, "server.mjs"),
                env,
                dir,
                options.dataDir().resolve("apollo-gateway.log"),
                "http://127.0.0.1:" + port + "/readiness");
        apollo.awaitHealthy(Duration.ofSeconds(60));
        return apollo;
    }
}
