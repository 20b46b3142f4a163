package oms.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.stack.OmsStack;
import oms.stack.StackOptions;
import oms.testsupport.GraphQlClient;

/**
 * {@code ./oms bench tracing}: the federated order page (README's first example: orders with customer,
 * lines, products, stock and shipment from all four subgraphs) through two whole stacks started from
 * the same seed, one recording every span (100% sampling, reported to its Zipkin) and one with
 * {@code OMS_TRACING=off}, in alternating rounds after a warm-up; prints queries/s of each, the ratio
 * and the spread of the rounds.
 */
public final class TracingBenchmark {

    private static final String PAGE = """
            { orders(first: 5, filter: { status: [SHIPPED, DELIVERED] }) { edges { node { number status placedAt
              customer { name email }
              lines { quantity unitPrice { amount currency } product { sku name stock { available } } }
              totals { total { amount currency } }
              shipment { status carrier { name } trackingNumber trackingUrl } } } pageInfo { hasNextPage endCursor } } }""";
    private static final int CLIENTS = 8;
    private static final Duration ROUND = Duration.ofSeconds(10);
    private static final int ROUNDS = 6;
    /** Both routers run the same limits; the budget is sized so that this load is never throttled. */
    private static final Map<String, String> UNTHROTTLED =
            Map.of("OMS_RATE_LIMIT_REFILL", "100000000", "OMS_RATE_LIMIT_CAPACITY", "100000000");

    private TracingBenchmark() {}

    private record Target(URI router, String token) {}

    public static void run(Path project) throws IOException {
        String body = GraphQlClient.json().writeValueAsString(Map.of("query", PAGE));
        System.out.println("Starting two throw-away stacks (tracing on, tracing off) ...");
        try (OmsStack traced = OmsStack.start(StackOptions.forTests(project).withTracing(true));
                OmsStack untraced =
                        OmsStack.start(StackOptions.forTests(project).withTracing(false))) {
            Map<String, Target> targets = new LinkedHashMap<>();
            targets.put(
                    "tracing on (100%)",
                    new Target(
                            URI.create(traced.startExtraRouter("router-bench", StackOptions.freePort(), UNTHROTTLED)),
                            traced.token("sam")));
            targets.put(
                    "tracing off",
                    new Target(
                            URI.create(untraced.startExtraRouter("router-bench", StackOptions.freePort(), UNTHROTTLED)),
                            untraced.token("sam")));
            System.out.printf("Warming up (%d clients) ...%n", CLIENTS);
            for (int i = 0; i < 2; i++) {
                targets.forEach((name, t) ->
                        LoadRun.run("warm-up " + name, t.router(), body, t.token(), CLIENTS, Duration.ofSeconds(8)));
            }
            Map<String, List<LoadRun.Result>> results = new LinkedHashMap<>();
            targets.keySet().forEach(name -> results.put(name, new ArrayList<>()));
            List<String> order = new ArrayList<>(targets.keySet());
            for (int round = 1; round <= ROUNDS; round++) {
                // alternate which goes first
                for (int i = 0; i < order.size(); i++) {
                    String name = order.get((i + round) % order.size());
                    Target t = targets.get(name);
                    LoadRun.Result result =
                            LoadRun.run("round " + round + " " + name, t.router(), body, t.token(), CLIENTS, ROUND);
                    System.out.println(result);
                    results.get(name).add(result);
                }
            }
            System.out.println();
            Map<String, Double> qps = new LinkedHashMap<>();
            results.forEach((name, runs) -> {
                double mean = runs.stream()
                        .mapToDouble(LoadRun.Result::perSecond)
                        .average()
                        .orElse(0);
                double min = runs.stream()
                        .mapToDouble(LoadRun.Result::perSecond)
                        .min()
                        .orElse(0);
                double max = runs.stream()
                        .mapToDouble(LoadRun.Result::perSecond)
                        .max()
                        .orElse(0);
                qps.put(name, mean);
                System.out.printf(
                        "%-20s %8.1f pages/s (rounds %.1f-%.1f, spread ±%.0f%%)%n",
                        name, mean, min, max, mean == 0 ? 0 : (max - min) / 2 / mean * 100);
            });
            double on = qps.get("tracing on (100%)");
            double off = qps.get("tracing off");
            System.out.printf(
                    "tracing at 100%% sampling: ratio %.3f -> costs %.1f%% of throughput (aim: under 10%%)%n",
                    on / off, (1 - on / off) * 100);
            long failures = results.values().stream()
                    .flatMap(List::stream)
                    .mapToLong(LoadRun.Result::failures)
                    .sum();
            System.out.printf("failed requests: %d%n", failures);
            System.out.printf("services reporting to the traced stack's Zipkin: %s%n", services(traced.zipkinUrl()));
        }
    }

    private static String services(String zipkin) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(zipkin + "/api/v2/services"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
