package oms.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import oms.stack.OmsStack;
import oms.stack.StackOptions;

/**
 * {@code ./oms bench auth}: queries per second through the router with token validation on and off,
 * measured in one run on one stack. Both routers forward the same real Keycloak token to the same
 * subgraphs (which always validate it), so the difference is the router's own check.
 */
public final class AuthBenchmark {

    private static final String QUERY = "{\"query\":\"{ products(first: 10) { edges { node { sku name price { amount currency } } } } }\"}";
    private static final int CLIENTS = 16;
    private static final Duration ROUND = Duration.ofSeconds(8);
    private static final int ROUNDS = 4;

    private AuthBenchmark() {}

    public static void run(Path project) throws IOException {
        System.out.println("Starting a throw-away stack for the benchmark ...");
        try (OmsStack stack = OmsStack.start(StackOptions.forTests(project))) {
            URI checked = URI.create(stack.routerUrl());
            URI unchecked = URI.create(stack.startRouterWithoutTokenChecks(StackOptions.freePort()));
            String token = stack.token("sam");
            System.out.printf("Warming up (%d clients) ...%n", CLIENTS);
            for (int i = 0; i < 2; i++) {
                LoadRun.run("warm-up on", checked, QUERY, token, CLIENTS, Duration.ofSeconds(5));
                LoadRun.run("warm-up off", unchecked, QUERY, token, CLIENTS, Duration.ofSeconds(5));
            }
            List<LoadRun.Result> on = new ArrayList<>();
            List<LoadRun.Result> off = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                // alternate which goes first, so warming subgraph JVMs favour neither side
                if (round % 2 == 1) {
                    on.add(print(LoadRun.run("round " + round + " validation on", checked, QUERY, token, CLIENTS, ROUND)));
                    off.add(print(LoadRun.run("round " + round + " validation off", unchecked, QUERY, token, CLIENTS, ROUND)));
                } else {
                    off.add(print(LoadRun.run("round " + round + " validation off", unchecked, QUERY, token, CLIENTS, ROUND)));
                    on.add(print(LoadRun.run("round " + round + " validation on", checked, QUERY, token, CLIENTS, ROUND)));
                }
            }
            double qpsOn = on.stream().mapToDouble(LoadRun.Result::perSecond).average().orElse(0);
            double qpsOff = off.stream().mapToDouble(LoadRun.Result::perSecond).average().orElse(0);
            long failures = on.stream().mapToLong(LoadRun.Result::failures).sum()
                    + off.stream().mapToLong(LoadRun.Result::failures).sum();
            System.out.println();
            System.out.printf("router token validation on : %8.0f queries/s%n", qpsOn);
            System.out.printf("router token validation off: %8.0f queries/s (baseline, same run)%n", qpsOff);
            System.out.printf("ratio on/off: %.3f  -> validation costs %.1f%% of throughput (aim: under 5%%)%n",
                    qpsOn / qpsOff, (1 - qpsOn / qpsOff) * 100);
            System.out.printf("failed requests: %d%n", failures);
        }
    }

    private static LoadRun.Result print(LoadRun.Result result) {
        System.out.println(result);
        return result;
    }
}
