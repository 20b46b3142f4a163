package oms.platform.metrics;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oms.platform.events.EventConsumer;

/**
 * Per consumer group and stream, from Redis {@code XINFO GROUPS}: {@code oms.events.lag} (entries
 * not yet delivered to the group) and {@code oms.events.pending} (delivered, not yet acknowledged).
 * Both count stream entries: a pack of events (docs/events.md) is one.
 * Redis before 7 reports no lag; then it is counted with a bounded {@code XRANGE} after the group's
 * last delivered entry (at most {@link #COUNTED_LAG}, so the reading stays cheap).
 */
class StreamLag implements Probe, AutoCloseable {

    static final int COUNTED_LAG = 1000;

    private final RedisClient client;
    private final List<Reading> readings = new ArrayList<>();
    private StatefulRedisConnection<String, String> connection;

    StreamLag(RedisClient client, List<EventConsumer> consumers, MeterRegistry meters) {
        this.client = client;
        for (EventConsumer consumer : consumers) {
            for (String stream : consumer.streams()) {
                Reading r = new Reading(consumer.group(), stream);
                readings.add(r);
                Gauge.builder("oms.events.lag", r, x -> x.lag)
                        .tag("consumer", r.group)
                        .tag("stream", r.stream)
                        .description("Stream entries not yet delivered to the consumer group")
                        .register(meters);
                Gauge.builder("oms.events.pending", r, x -> x.pending)
                        .tag("consumer", r.group)
                        .tag("stream", r.stream)
                        .description("Entries delivered to the consumer group but not yet acknowledged")
                        .register(meters);
            }
        }
    }

    @Override
    public synchronized void refresh() {
        if (readings.isEmpty()) {
            return;
        }
        if (connection == null || !connection.isOpen()) {
            connection = client.connect();
        }
        RedisCommands<String, String> redis = connection.sync();
        Map<String, List<Object>> groupsByStream = new HashMap<>();
        for (Reading r : readings) {
            List<Object> groups = groupsByStream.computeIfAbsent(r.stream, s -> xinfoGroups(redis, s));
            Map<String, Object> group = groups.stream()
                    .map(StreamLag::fields)
                    .filter(g -> r.group.equals(g.get("name")))
                    .findFirst()
                    .orElse(null);
            if (group == null) {
                // the consumer has not created its group yet: nothing is behind that it will not read
                r.lag = 0;
                r.pending = 0;
                continue;
            }
            r.pending = number(group.get("pending"));
            Object lag = group.get("lag");
            r.lag = lag instanceof Number || lag instanceof String
                    ? number(lag)
                    : countedLag(redis, r.stream, String.valueOf(group.get("last-delivered-id")));
        }
    }

    private static List<Object> xinfoGroups(RedisCommands<String, String> redis, String stream) {
        try {
            return redis.xinfoGroups(stream);
        } catch (io.lettuce.core.RedisCommandExecutionException noSuchStream) {
            return List.of(); // ERR no such key: nothing was published yet
        }
    }

    private static long countedLag(RedisCommands<String, String> redis, String stream, String lastDelivered) {
        return redis.xrange(stream, Range.create("(" + lastDelivered, "+"), Limit.from(COUNTED_LAG))
                .size();
    }

    /** XINFO GROUPS answers each group as a flat list of alternating field names and values. */
    static Map<String, Object> fields(Object group) {
        Map<String, Object> fields = new HashMap<>();
        if (group instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return fields;
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return value == null ? Double.NaN : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public synchronized void unknown() {
        for (Reading r : readings) {
            r.lag = Double.NaN;
            r.pending = Double.NaN;
        }
        close();
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private static final class Reading {
        final String group;
        final String stream;
        volatile double lag = Double.NaN;
        volatile double pending = Double.NaN;

        Reading(String group, String stream) {
            this.group = group;
            this.stream = stream;
        }
    }
}
