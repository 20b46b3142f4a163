package oms.stack.status;

import java.util.Map;
import java.util.function.Predicate;
import oms.testsupport.PrometheusText;
import oms.testsupport.PrometheusText.Sample;

/** What happened between two scrapes of one endpoint, {@code seconds} apart: rates and quantiles. */
public record Rates(PrometheusText before, PrometheusText after, double seconds) {

    /** Increase per second of a counter (summed over the samples that pass {@code filter}); null if unknown. */
    public Double perSecond(String name, Predicate<Sample> filter) {
        Double now = after.sum(name, filter);
        if (now == null) {
            return null;
        }
        Double then = before.sum(name, filter);
        // a counter that went down belongs to a restarted process: count from zero
        double increase = then == null || now < then ? now : now - then;
        return increase / seconds;
    }

    /**
     * The {@code q} quantile (0.99: p99) of the observations between the scrapes, from the histogram
     * buckets' increases, interpolated linearly inside the bucket (as PromQL's histogram_quantile
     * does); null without observations.
     */
    public Double quantile(String bucketName, Predicate<Sample> filter, double q) {
        Map<Double, Double> now = after.buckets(bucketName, filter);
        Map<Double, Double> then = before.buckets(bucketName, filter);
        double total =
                now.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - then.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        if (now.isEmpty() || total <= 0) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : now.entrySet()) {
            double count = bucket.getValue() - then.getOrDefault(bucket.getKey(), 0.0);
            if (count >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound; // beyond the largest finite bucket: its bound is all we know
                }
                double inBucket = count - lowerCount;
                return inBucket <= 0
                        ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = count;
        }
        return lowerBound;
    }
}
