package oms.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.stack.OmsStack;
import oms.stack.StackOptions;

/**
 * {@code ./oms bench auth}: queries per second through three routers over the same subgraphs of one
 * stack, in alternating rounds after a warm-up: the router as deployed (token validation, query cost
 * and per-caller budget), the same without token validation, and the same without query cost and
 * budget. All forward the same real Keycloak token to the same subgraphs (which always validate it and
 * check the router's signature), so each difference is the router's own check. The budget is sized so
 * that this load is never throttled: what is measured is its bookkeeping, not refusals.
 */
public final class AuthBenchmark {

    private static final String QUERY =
            "{\"query\":\"{ products(first: 10) { edges { node { sku name price { amount currency } } } } }\"}";
    private static final int CLIENTS = 16;
    private static final Duration ROUND = Duration.ofSeconds(8);
    private static final int ROUNDS = 4;
    private static final Map<String, String> UNTHROTTLED =
            Map.of("OMS_RATE_LIMIT_REFILL", "100000000", "OMS_RATE_LIMIT_CAPACITY", "100000000");

    private AuthBenchmark() {}

    public static void run(Path project) throws IOException {
        System.out.println("Starting a throw-away stack for the benchmark ...");
        try (OmsStack stack = OmsStack.start(StackOptions.forTests(project))) {
            Map<String, String> noTokens = new HashMap<>(UNTHROTTLED);
            stack.tokenVariables().forEach(name -> noTokens.put(name, null));
            Map<String, URI> routers = new LinkedHashMap<>();
            routers.put(
                    "all checks",
                    URI.create(stack.startExtraRouter("router-all", StackOptions.freePort(), UNTHROTTLED)));
            routers.put(
                    "no token validation",
                    URI.create(stack.startExtraRouter("router-no-jwt", StackOptions.freePort(), noTokens)));
            routers.put(
                    "no query cost",
                    URI.create(stack.startExtraRouter(
                            "router-no-cost", StackOptions.freePort(), Map.of("OMS_QUERY_COST", "off"))));
            String token = stack.token("sam");
            System.out.printf("Warming up (%d clients) ...%n", CLIENTS);
            for (int i = 0; i < 2; i++) {
                routers.forEach((name, url) ->
                        LoadRun.run("warm-up " + name, url, QUERY, token, CLIENTS, Duration.ofSeconds(5)));
            }
            Map<String, List<LoadRun.Result>> results = new LinkedHashMap<>();
            routers.keySet().forEach(name -> results.put(name, new ArrayList<>()));
            List<String> order = new ArrayList<>(routers.keySet());
            for (int round = 1; round <= ROUNDS; round++) {
                // rotate which goes first, so warming subgraph JVMs favour none
                for (int i = 0; i < order.size(); i++) {
                    String name = order.get((i + round) % order.size());
                    LoadRun.Result result =
                            LoadRun.run("round " + round + " " + name, routers.get(name), QUERY, token, CLIENTS, ROUND);
                    System.out.println(result);
                    results.get(name).add(result);
                }
            }
            System.out.println();
            Map<String, Double> qps = new LinkedHashMap<>();
            results.forEach((name, runs) -> qps.put(
                    name,
                    runs.stream()
                            .mapToDouble(LoadRun.Result::perSecond)
                            .average()
                            .orElse(0)));
            results.forEach((name, runs) -> {
                double min = runs.stream()
                        .mapToDouble(LoadRun.Result::perSecond)
                        .min()
                        .orElse(0);
                double max = runs.stream()
                        .mapToDouble(LoadRun.Result::perSecond)
                        .max()
                        .orElse(0);
                System.out.printf("%-22s %8.0f queries/s (rounds %.0f-%.0f)%n", name, qps.get(name), min, max);
            });
            double all = qps.get("all checks");
            System.out.printf(
                    "token validation: ratio %.3f -> costs %.1f%% of throughput (aim: under 5%%)%n",
                    all / qps.get("no token validation"), (1 - all / qps.get("no token validation")) * 100);
            System.out.printf(
                    "query cost + budget: ratio %.3f -> costs %.1f%% of throughput (aim: under 5%%)%n",
                    all / qps.get("no query cost"), (1 - all / qps.get("no query cost")) * 100);
            long failures = results.values().stream()
                    .flatMap(List::stream)
                    .mapToLong(LoadRun.Result::failures)
                    .sum();
            System.out.printf("failed requests: %d%n", failures);
        }
    }
}
