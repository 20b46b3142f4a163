package oms.stack.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.stack.StackOptions;
import oms.testsupport.PrometheusText;

/**
 * {@code ./oms status [--watch]}: one line per part of the running local stack, from its health
 * endpoints and Prometheus metrics (rates between two scrapes 1.5 s apart; with --watch, refreshed
 * every 2 s with rates since the previous refresh). Exit code 1 when nothing of the stack answers.
 */
public final class StackStatus {

    // HTTP/1.1: the router (Node) answers an h2c upgrade request oddly
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    private static final Duration FIRST_INTERVAL = Duration.ofMillis(1500);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    private final StackOptions.Ports ports;

    public StackStatus(StackOptions.Ports ports) {
        this.ports = ports;
    }

    /** A snapshot of every part: state and, where it serves them, its metrics. */
    record Snapshot(long nanos, Map<String, String> states, Map<String, PrometheusText> metrics) {
        boolean nothingRuns() {
            return states.values().stream().allMatch("down"::equals);
        }
    }

    public static int run(StackOptions.Ports ports, boolean watch) throws InterruptedException {
        StackStatus status = new StackStatus(ports);
        Snapshot previous = status.snapshot();
        if (previous.nothingRuns()) {
            System.out.println("The OMS stack is not running (nothing answers on ports " + ports.router() + ", "
                    + String.join(
                            ", ",
                            ports.subgraphs().values().stream()
                                    .map(String::valueOf)
                                    .toList()) + ", "
                    + ports.postgres() + "): start it with ./oms up");
            return 1;
        }
        Thread.sleep(FIRST_INTERVAL);
        while (true) {
            Snapshot current = status.snapshot();
            String table = ServiceLine.render(lines(previous, current));
            double seconds = (current.nanos() - previous.nanos()) / 1e9;
            String title = "OMS stack at " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                    + String.format(java.util.Locale.ROOT, " (rates over the last %.1f s)", seconds);
            if (!watch) {
                System.out.print(title + "\n" + table);
                return current.nothingRuns() ? 1 : 0;
            }
            System.out.print("\033[H\033[2J" + title + ", Ctrl-C ends\n" + table);
            System.out.flush();
            previous = current;
            Thread.sleep(WATCH_INTERVAL);
        }
    }

    /** The lines from two snapshots, in the stack's order: subgraphs, router, then infrastructure. */
    static List<ServiceLine> lines(Snapshot before, Snapshot after) {
        double seconds = Math.max(0.001, (after.nanos() - before.nanos()) / 1e9);
        List<ServiceLine> lines = new ArrayList<>();
        for (String name : StackOptions.SUBGRAPHS.keySet()) {
            lines.add(ServiceLine.subgraph(name, after.states().get(name), rates(before, after, name, seconds)));
        }
        lines.add(ServiceLine.router(after.states().get("router"), rates(before, after, "router", seconds)));
        for (String name : List.of("postgres", "redis", "keycloak")) {
            lines.add(ServiceLine.infrastructure(name, after.states().get(name)));
        }
        return lines;
    }

    private static Rates rates(Snapshot before, Snapshot after, String name, double seconds) {
        PrometheusText now = after.metrics().get(name);
        if (now == null) {
            return null;
        }
        return new Rates(before.metrics().getOrDefault(name, new PrometheusText(List.of())), now, seconds);
    }

    Snapshot snapshot() {
        Map<String, String> states = new LinkedHashMap<>();
        Map<String, PrometheusText> metrics = new LinkedHashMap<>();
        long nanos = System.nanoTime();
        ports.subgraphs().forEach((name, port) -> {
            states.put(name, readiness("http://127.0.0.1:" + port + "/readyz"));
            scrape("http://127.0.0.1:" + ports.management(name) + "/actuator/prometheus", name, metrics);
        });
        states.put("router", readiness("http://127.0.0.1:" + ports.router() + "/readiness"));
        scrape("http://127.0.0.1:" + ports.router() + "/metrics", "router", metrics);
        states.put("postgres", listens(ports.postgres()) ? "up" : "down");
        states.put("redis", listens(ports.redis()) ? "up" : "down");
        String keycloak = readiness("http://127.0.0.1:" + ports.keycloak() + "/realms/oms");
        states.put("keycloak", keycloak);
        return new Snapshot(nanos, states, metrics);
    }

    /** "ready" (200), "up, not ready" (any other answer) or "down" (no answer). */
    private static String readiness(String url) {
        try {
            int status = HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return status == 200 ? "ready" : "up, not ready";
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down";
        }
    }

    private static void scrape(String url, String name, Map<String, PrometheusText> into) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                into.put(name, PrometheusText.parse(response.body()));
            }
        } catch (IOException e) {
            // not scraped: the line shows its state only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
