package oms.stack.status;

import java.util.List;
import java.util.Locale;
import oms.testsupport.PrometheusText;
import oms.testsupport.PrometheusText.Sample;

/**
 * One line of {@code ./oms status}: a part of the stack, its state and, for the subgraphs and the
 * router, what their metrics say happened between two scrapes. Null: not known (down, or no metric).
 */
public record ServiceLine(
        String name,
        String state,
        Double requestsPerSecond,
        Double p99Seconds,
        Double errorsPerSecond,
        Double outbox,
        Double lag,
        Double parked,
        Double subscribers) {

    static final String HEADER = "%-10s %-15s %8s %8s %7s %7s %6s %7s %12s"
            .formatted("SERVICE", "STATE", "REQ/S", "P99", "ERR/S", "OUTBOX", "LAG", "PARKED", "SUBSCRIBERS");

    /** A PostgreSQL, Redis or Keycloak line: only a state. */
    public static ServiceLine infrastructure(String name, String state) {
        return new ServiceLine(name, state, null, null, null, null, null, null, null);
    }

    /** A subgraph, from two scrapes of its /actuator/prometheus (null if it could not be scraped). */
    public static ServiceLine subgraph(String name, String state, Rates rates) {
        if (rates == null) {
            return infrastructure(name, state);
        }
        java.util.function.Predicate<Sample> served = s -> !s.label("uri").startsWith("/actuator")
                && !List.of("/livez", "/readyz").contains(s.label("uri"));
        Double serverErrors = rates.perSecond(
                "http_server_requests_seconds_count",
                served.and(s -> s.label("outcome").equals("SERVER_ERROR")));
        Double graphQlErrors = rates.perSecond(
                "graphql_request_seconds_count",
                s -> !s.label("graphql_outcome").equals("SUCCESS"));
        PrometheusText now = rates.after();
        Double requests = rates.perSecond("http_server_requests_seconds_count", served);
        return new ServiceLine(
                name,
                state,
                requests,
                rates.quantile("http_server_requests_seconds_bucket", served, 0.99),
                errors(requests, serverErrors, graphQlErrors),
                now.sum("oms_outbox_backlog"),
                now.sum("oms_events_lag"),
                now.sum("oms_events_parked_total"),
                now.sum("oms_subscriptions_active"));
    }

    /** The router, from two scrapes of its /metrics. */
    public static ServiceLine router(String state, Rates rates) {
        if (rates == null) {
            return infrastructure("router", state);
        }
        java.util.function.Predicate<Sample> graphql = s -> s.label("path").equals("/graphql");
        Double requests = rates.perSecond("graphql_yoga_http_duration_count", graphql);
        return new ServiceLine(
                "router",
                state,
                requests,
                rates.quantile("graphql_yoga_http_duration_bucket", graphql, 0.99),
                errors(requests, rates.perSecond("graphql_envelop_error_result", s -> true), null),
                null,
                null,
                null,
                null);
    }

    /** Two error rates added; a service that answered requests and has no error series had none. */
    private static Double errors(Double requests, Double a, Double b) {
        if (a == null && b == null) {
            return requests == null ? null : 0.0;
        }
        return (a == null ? 0 : a) + (b == null ? 0 : b);
    }

    /** The line under {@link #HEADER}. */
    public String render() {
        return "%-10s %-15s %8s %8s %7s %7s %6s %7s %12s"
                .formatted(
                        name,
                        state,
                        rate(requestsPerSecond),
                        duration(p99Seconds),
                        rate(errorsPerSecond),
                        count(outbox),
                        count(lag),
                        count(parked),
                        count(subscribers));
    }

    public static String render(List<ServiceLine> lines) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        lines.forEach(l -> out.append(l.render().stripTrailing()).append('\n'));
        return out.toString();
    }

    private static String rate(Double perSecond) {
        return perSecond == null ? "-" : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    private static String count(Double value) {
        return value == null ? "-" : Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        if (seconds < 0.001) {
            return "<1 ms";
        }
        return seconds < 10
                ? String.format(Locale.ROOT, "%.0f ms", seconds * 1000)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
