package oms.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import oms.testsupport.PrometheusText;

/**
 * What every subgraph's {@code /actuator/prometheus} serves on its management port, checked by each
 * subgraph's MetricsIT: HTTP and GraphQL request histograms (per operation), JVM, the R2DBC pool,
 * SQL statements, the outbox backlog, every series tagged with the service, plus the service's own
 * domain meters. The names are the ones the README lists and dashboards and alerts use.
 */
public final class MetricsContract {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Meters every subgraph has once it has answered one GraphQL request. */
    public static final List<String> SHARED = List.of(
            "http_server_requests_seconds_bucket",
            "graphql_request_seconds_bucket",
            "graphql_datafetcher_seconds_count",
            "jvm_memory_used_bytes",
            "jvm_threads_live_threads",
            "process_cpu_usage",
            "r2dbc_pool_acquired_connections",
            "r2dbc_pool_pending_connections",
            "r2dbc_pool_max_allocated_connections",
            "oms_sql_statements_total",
            "oms_outbox_backlog",
            "oms_outbox_oldest_age_seconds",
            "oms_outbox_published_total");

    private MetricsContract() {}

    public static PrometheusText scrape(int managementPort) {
        URI uri = URI.create("http://localhost:" + managementPort + "/actuator/prometheus");
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            return PrometheusText.parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The shared meters and {@code domainMeters} are there, every series says {@code service}. */
    public static PrometheusText check(int managementPort, String service, List<String> domainMeters) {
        PrometheusText scrape = awaitBacklogRead(managementPort);
        assertThat(missing(scrape, SHARED))
                .as("shared meters missing at " + service)
                .isEmpty();
        assertThat(missing(scrape, domainMeters))
                .as("domain meters missing at " + service)
                .isEmpty();
        assertThat(scrape.samples())
                .as("every series carries service=\"" + service + "\"")
                .allSatisfy(s -> assertThat(s.label("service")).as(s.name()).isEqualTo(service));
        assertThat(scrape.all("graphql_request_seconds_count"))
                .as("GraphQL requests per operation")
                .allSatisfy(s -> assertThat(s.label("graphql_operation")).isNotEmpty());
        return scrape;
    }

    /** The outbox backlog is read in the background: wait for its first reading (NaN until then). */
    private static PrometheusText awaitBacklogRead(int managementPort) {
        return await(
                () -> {
                    PrometheusText scrape = scrape(managementPort);
                    Double backlog = scrape.sum("oms_outbox_backlog");
                    return backlog == null ? null : scrape;
                },
                "the first outbox backlog reading");
    }

    public static <T> T await(Supplier<T> attempt, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> missing(PrometheusText scrape, List<String> names) {
        return names.stream().filter(n -> !scrape.has(n)).toList();
    }
}
