package oms.stack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP load: {@code clients} concurrent callers post the same GraphQL request for a
 * fixed time; reports requests per second and latency percentiles. Bounded in time and count, and
 * aimed at loopback only.
 */
public final class LoadRun {

    public record Result(String label, long requests, long failures, double seconds, long p50Micros, long p99Micros) {
        public double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return "%-28s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (%d requests, %d failed)"
                    .formatted(label, perSecond(), p50Micros / 1000.0, p99Micros / 1000.0, requests, failures);
        }
    }

    private LoadRun() {}

    public static Result run(String label, URI endpoint, String body, String bearer, int clients, Duration duration) {
        return run(label, endpoint, n -> body, bearer, clients, duration);
    }

    /**
     * As {@link #run(String, URI, String, String, int, Duration)}, with a body per request: {@code bodies}
     * gets the request's number (0, 1, 2, … across all callers), e.g. to send distinct variables so that
     * no router or subgraph can share the work of identical requests in flight.
     */
    public static Result run(
            String label,
            URI endpoint,
            java.util.function.LongFunction<String> bodies,
            String bearer,
            int clients,
            Duration duration) {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong sent = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    long[] samples = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < deadline && n < samples.length) {
                        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                                .header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.apply(sent.getAndIncrement())));
                        if (bearer != null) {
                            request.header("authorization", "Bearer " + bearer);
                        }
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> response =
                                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        samples[n++] = (System.nanoTime() - t0) / 1000;
                    }
                    return Arrays.copyOf(samples, n);
                }));
            }
            for (var f : futures) {
                latencies.add(f.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Load run failed", e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(label, all.length, failures.get(), seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
