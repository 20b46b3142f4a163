package oms.stack.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;

/**
 * `./oms status` from captured scrapes: an orders subgraph after one order went through the saga
 * (status/orders.prom) and a router that answered five queries with customers down (status/router.prom).
 */
class StackStatusTest {

    private static final PrometheusText NOTHING = new PrometheusText(List.of());

    private static PrometheusText sample(String name) throws IOException {
        try (InputStream in = StackStatusTest.class.getResourceAsStream("/status/" + name)) {
            return PrometheusText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void the_text_format_is_read_with_labels_escapes_infinity_and_nan() {
        PrometheusText text = PrometheusText.parse("""
                # HELP x_total things
                # TYPE x_total counter
                x_total{a="1",b="say \\"hi\\"\\n"} 3.0
                x_total{a="2"} 4 1700000000000
                g NaN
                h_bucket{le="+Inf"} 7
                """);
        assertThat(text.samples()).hasSize(4);
        assertThat(text.all("x_total").getFirst().label("b")).isEqualTo("say \"hi\"\n");
        assertThat(text.sum("x_total")).isEqualTo(7.0);
        assertThat(text.sum("g")).as("NaN is not a reading").isNull();
        assertThat(text.buckets("h_bucket", s -> true)).containsEntry(Double.POSITIVE_INFINITY, 7.0);
    }

    @Test
    void rates_and_p99_come_from_what_changed_between_two_scrapes() {
        PrometheusText before = PrometheusText.parse("""
                t_count 100
                t_bucket{le="0.1"} 50
                t_bucket{le="0.5"} 90
                t_bucket{le="1.0"} 100
                t_bucket{le="+Inf"} 100
                """);
        PrometheusText after = PrometheusText.parse("""
                t_count 200
                t_bucket{le="0.1"} 100
                t_bucket{le="0.5"} 180
                t_bucket{le="1.0"} 200
                t_bucket{le="+Inf"} 200
                """);
        Rates rates = new Rates(before, after, 2.0);
        assertThat(rates.perSecond("t_count", s -> true)).isEqualTo(50.0);
        // 100 observations: 50 up to 0.1 s, 40 up to 0.5 s, 10 up to 1 s; the 99th lies 9/10 into the last bucket
        assertThat(rates.quantile("t_bucket", s -> true, 0.99)).isCloseTo(0.95, within(1e-9));
        assertThat(new Rates(after, after, 1).quantile("t_bucket", s -> true, 0.99))
                .as("no requests, no p99")
                .isNull();
        assertThat(new Rates(after, before, 1).perSecond("t_count", s -> true))
                .as("a restarted process counts from zero")
                .isEqualTo(100.0);
    }

    @Test
    void a_subgraph_line_shows_requests_latency_errors_and_its_event_readings() throws IOException {
        PrometheusText orders = sample("orders.prom");
        ServiceLine line = ServiceLine.subgraph("orders", "ready", new Rates(NOTHING, orders, 1.0));
        // the scrape's own GET /actuator/prometheus and the probes do not count as requests
        double graphql = orders.sum(
                "http_server_requests_seconds_count", s -> s.label("uri").equals("/graphql"));
        assertThat(line.requestsPerSecond()).isEqualTo(graphql);
        assertThat(line.p99Seconds()).isPositive().isLessThan(10);
        assertThat(line.errorsPerSecond()).isZero();
        assertThat(List.of(line.outbox(), line.lag(), line.parked(), line.subscribers()))
                .containsOnly(0.0);
        assertThat(line.render()).startsWith("orders     ready").contains(" ms ");
    }

    @Test
    void the_router_line_shows_its_errors_and_infrastructure_only_its_state() throws IOException {
        ServiceLine router = ServiceLine.router("ready", new Rates(NOTHING, sample("router.prom"), 1.0));
        assertThat(router.requestsPerSecond()).isEqualTo(5.0);
        assertThat(router.errorsPerSecond())
                .as("five SERVICE_UNAVAILABLE errors")
                .isEqualTo(5.0);
        assertThat(router.p99Seconds()).isNotNull();
        assertThat(router.render()).startsWith("router     ready").contains("5.0");
        assertThat(ServiceLine.infrastructure("redis", "down").render().strip())
                .isEqualTo("redis      down                   -        -       -       -      -       -            -");
    }

    @Test
    void the_table_lists_subgraphs_router_and_infrastructure_and_knows_when_nothing_runs() throws IOException {
        Map<String, String> states = new LinkedHashMap<>();
        List.of("customers", "inventory", "orders", "shipping", "router", "postgres", "redis", "keycloak")
                .forEach(n -> states.put(n, "down"));
        StackStatus.Snapshot down = new StackStatus.Snapshot(0, states, Map.of());
        assertThat(down.nothingRuns()).isTrue();

        Map<String, String> up = new LinkedHashMap<>(states);
        up.replaceAll((n, s) -> n.equals("postgres") || n.equals("redis") ? "up" : "ready");
        StackStatus.Snapshot first = new StackStatus.Snapshot(0, up, Map.of());
        StackStatus.Snapshot second =
                new StackStatus.Snapshot(2_000_000_000L, up, Map.of("orders", sample("orders.prom")));
        String table = ServiceLine.render(StackStatus.lines(first, second));
        assertThat(second.nothingRuns()).isFalse();
        assertThat(table.lines().map(l -> l.split("\\s+")[0]).toList())
                .containsExactly(
                        "SERVICE",
                        "customers",
                        "inventory",
                        "orders",
                        "shipping",
                        "router",
                        "postgres",
                        "redis",
                        "keycloak");
        assertThat(table.lines()
                        .filter(l -> l.startsWith("customers"))
                        .findFirst()
                        .orElseThrow())
                .as("not scraped: state only")
                .endsWith("-");
    }
}
