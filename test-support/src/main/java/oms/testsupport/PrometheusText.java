package oms.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scrape of a Prometheus text-format endpoint ({@code /actuator/prometheus}, the router's
 * {@code /metrics}): its samples, and sums over the samples of one metric.
 */
public record PrometheusText(List<Sample> samples) {

    /** One line: {@code name{label="value",...} 1.5}. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    public PrometheusText {
        samples = List.copyOf(samples);
    }

    /** Parses the text exposition format (comments and timestamps are skipped; OpenMetrics' # EOF too). */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line));
        }
        return new PrometheusText(samples);
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int end = labels(line, brace + 1, labels);
            rest = line.substring(end + 1).strip();
        } else {
            name = space < 0 ? line : line.substring(0, space);
            rest = space < 0 ? "" : line.substring(space + 1).strip();
        }
        String value = rest.split("\\s+")[0];
        return new Sample(name, Collections.unmodifiableMap(labels), number(value));
    }

    /** Reads {@code key="value",...} from {@code from}; answers the index of the closing brace. */
    private static int labels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // after ="
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i;
    }

    private static double number(String value) {
        return switch (value) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    public List<Sample> all(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The sum of the metric's samples that pass {@code filter} (NaN ones left out); null if there are none. */
    public Double sum(String name, Predicate<Sample> filter) {
        double sum = 0;
        boolean any = false;
        for (Sample s : samples) {
            if (s.name().equals(name) && filter.test(s) && !Double.isNaN(s.value())) {
                sum += s.value();
                any = true;
            }
        }
        return any ? sum : null;
    }

    public Double sum(String name) {
        return sum(name, s -> true);
    }

    /** Cumulative bucket counts by upper bound ({@code le}), summed over the samples that pass {@code filter}. */
    public Map<Double, Double> buckets(String name, Predicate<Sample> filter) {
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && filter.test(s) && s.labels().containsKey("le")) {
                buckets.merge(number(s.label("le")), s.value(), Double::sum);
            }
        }
        return buckets;
    }
}
