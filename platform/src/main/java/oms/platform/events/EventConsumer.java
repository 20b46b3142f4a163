package oms.platform.events;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.PendingMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.platform.tracing.EventTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Redis Streams in a consumer group and hands the events to a handler. Events are processed
 * and acknowledged in batches (a pack's events unpacked, {@link EventPacks}); a failing batch is
 * retried entry by entry, and a failing pack event by event, so one bad event does not hold the others
 * back. Events left pending by a consumer that died are reclaimed once they have been idle for the
 * reclaim time (property {@code oms.events.reclaim-idle}, default {@link #RECLAIM_IDLE}); an event that
 * fails {@link #MAX_DELIVERIES} times is parked, and its entry acknowledged.
 */
public class EventConsumer extends BackgroundWorker {

    static final Duration RECLAIM_IDLE = Duration.ofSeconds(30);
    static final int MAX_DELIVERIES = 5;
    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
    /** Stream entries per read: a pack holds up to {@link EventPacks#MAX_EVENTS} events. */
    private static final int BATCH = 200;
    /** Events handled in one transaction (a pack larger than the rest of a chunk starts the next). */
    static final int MAX_EVENTS_PER_TRANSACTION = 500;

    private final String group;
    // unique per process: a restarted service is a new consumer, and the dead one's pending events
    // come back to the group through reclaim
    private final String consumer;
    private final Duration reclaimIdle;
    private final List<String> streams;
    private final EventStore store;
    private final RedisClient client;
    private final AckHold hold;
    private StatefulRedisConnection<String, String> connection;
    private final Counter consumed;
    private final Counter parked;
    private boolean groupsReady;

    EventConsumer(
            String group,
            List<String> streams,
            EventStore store,
            RedisClient client,
            MeterRegistry meters,
            Duration reclaimIdle,
            AckHold hold) {
        super("consumer-" + group);
        if (reclaimIdle.isNegative() || reclaimIdle.isZero()) {
            throw new IllegalArgumentException("The reclaim idle time must be positive, got " + reclaimIdle);
        }
        this.group = group;
        this.reclaimIdle = reclaimIdle;
        this.consumer = group + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.streams = List.copyOf(streams);
        this.store = store;
        this.client = client;
        this.hold = hold;
        this.consumed =
                Counter.builder("oms.events.consumed").tag("consumer", group).register(meters);
        this.parked =
                Counter.builder("oms.events.parked").tag("consumer", group).register(meters);
    }

    /** The consumer group, e.g. {@code orders}. */
    public String group() {
        return group;
    }

    /** The streams the group reads. */
    public List<String> streams() {
        return streams;
    }

    @Override
    protected void loop() {
        long backoff = 100;
        long lastReclaim = 0;
        while (running) {
            try {
                if (connection == null) {
                    // connect lazily and retry: the service starts while Redis is down
                    connection = client.connect();
                }
                RedisCommands<String, String> redis = connection.sync();
                ensureGroups(redis);
                if (System.nanoTime() - lastReclaim > reclaimIdle.toNanos() / 2) {
                    lastReclaim = System.nanoTime();
                    for (String stream : streams) {
                        process(
                                redis,
                                stream,
                                redis.xautoclaim(
                                                stream,
                                                XAutoClaimArgs.Builder.xautoclaim(
                                                                Consumer.from(group, consumer), reclaimIdle, "0-0")
                                                        .count(BATCH))
                                        .getMessages());
                    }
                }
                @SuppressWarnings("unchecked")
                XReadArgs.StreamOffset<String>[] offsets = streams.stream()
                        .map(s -> XReadArgs.StreamOffset.lastConsumed(s))
                        .toArray(XReadArgs.StreamOffset[]::new);
                List<StreamMessage<String, String>> messages = redis.xreadgroup(
                        Consumer.from(group, consumer),
                        XReadArgs.Builder.count(BATCH).block(Duration.ofMillis(500)),
                        offsets);
                for (String stream : streams) {
                    process(
                            redis,
                            stream,
                            messages.stream()
                                    .filter(m -> m.getStream().equals(stream))
                                    .toList());
                }
                backoff = 100;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                    // Redis lost the stream or the group (restarted without persistence): create them again
                    groupsReady = false;
                }
                log.warn("Consumer {} failed, retrying in {} ms: {}", group, backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    private void ensureGroups(RedisCommands<String, String> redis) {
        if (groupsReady) {
            return;
        }
        for (String stream : streams) {
            try {
                // from the beginning: events published before this service first ran still count
                redis.xgroupCreate(
                        XReadArgs.StreamOffset.from(stream, "0"), group, XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException alreadyThere) {
                // BUSYGROUP: the group exists
            }
        }
        groupsReady = true;
    }

    private void process(
            RedisCommands<String, String> redis, String stream, List<StreamMessage<String, String>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<Entry> entries = messages.stream().map(m -> entry(stream, m)).toList();
        for (List<Entry> chunk : chunks(entries)) {
            processChunk(redis, stream, chunk);
        }
    }

    /** Entries in transactions of at most {@link #MAX_EVENTS_PER_TRANSACTION} events; a pack is never split. */
    static List<List<Entry>> chunks(List<Entry> entries) {
        List<List<Entry>> chunks = new ArrayList<>();
        List<Entry> chunk = new ArrayList<>();
        int events = 0;
        for (Entry entry : entries) {
            if (!chunk.isEmpty() && events + entry.events().size() > MAX_EVENTS_PER_TRANSACTION) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                events = 0;
            }
            chunk.add(entry);
            events += entry.events().size();
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private void processChunk(RedisCommands<String, String> redis, String stream, List<Entry> entries) {
        List<InboundEvent> events =
                entries.stream().flatMap(e -> e.events().stream()).toList();
        try {
            store.handleOnce(group, events);
            hold.beforeAck(group, stream, entries.size(), () -> running);
            ack(redis, stream, entries);
        } catch (RuntimeException batchFailed) {
            if (oms.platform.error.Outages.isOutage(batchFailed)) {
                // the database is away: no event is to blame, none counts towards parking; back off and retry
                throw batchFailed;
            }
            for (Entry entry : entries) {
                processAlone(redis, stream, entry);
            }
        }
    }

    /**
     * After its batch failed: the entry on its own, then, if it is a pack, each of its events on its
     * own, so one bad event does not hold back the others. The entry is acknowledged once each of its
     * events is processed or parked; until then it stays pending and comes back (its processed events
     * are then passed over as duplicates).
     */
    private void processAlone(RedisCommands<String, String> redis, String stream, Entry entry) {
        Map<InboundEvent, RuntimeException> failures = new LinkedHashMap<>();
        try {
            store.handleOnce(group, entry.events());
        } catch (RuntimeException failed) {
            if (oms.platform.error.Outages.isOutage(failed)) {
                throw failed;
            }
            if (entry.events().size() == 1) {
                failures.put(entry.events().getFirst(), failed);
            } else {
                for (InboundEvent event : entry.events()) {
                    try {
                        store.handleOnce(group, List.of(event));
                    } catch (RuntimeException eventFailed) {
                        if (oms.platform.error.Outages.isOutage(eventFailed)) {
                            throw eventFailed;
                        }
                        failures.put(event, eventFailed);
                    }
                }
            }
        }
        if (failures.isEmpty()) {
            ack(redis, stream, List.of(entry));
            return;
        }
        List<PendingMessage> pending =
                redis.xpending(stream, group, Range.create(entry.messageId(), entry.messageId()), Limit.from(1));
        long deliveries = pending.isEmpty() ? 1 : pending.getFirst().getRedeliveryCount();
        failures.forEach((event, error) -> {
            if (deliveries >= MAX_DELIVERIES) {
                log.error(
                        "Parking event {} ({}) on {} after {} deliveries: {}",
                        event.id(),
                        event.type(),
                        stream,
                        deliveries,
                        error.getMessage());
                store.park(group, event, error, deliveries);
                parked.increment();
            } else {
                log.warn(
                        "Event {} ({}) on {} failed (delivery {}), will retry: {}",
                        event.id(),
                        event.type(),
                        stream,
                        deliveries,
                        error.getMessage());
            }
        });
        if (deliveries >= MAX_DELIVERIES) {
            redis.xack(stream, group, entry.messageId());
            consumed.increment(entry.events().size() - failures.size());
        }
    }

    private void ack(RedisCommands<String, String> redis, String stream, List<Entry> entries) {
        redis.xack(stream, group, entries.stream().map(Entry::messageId).toArray(String[]::new));
        consumed.increment(entries.stream().mapToInt(e -> e.events().size()).sum());
    }

    /** A stream entry: one event, or a pack of them ({@link EventPacks}). */
    record Entry(String messageId, List<InboundEvent> events) {}

    static Entry entry(String stream, StreamMessage<String, String> m) {
        Map<String, String> body = m.getBody();
        if (body.get(EventPacks.COUNT_FIELD) == null) {
            return new Entry(m.getId(), List.of(event(stream, m)));
        }
        return new Entry(
                m.getId(),
                EventPacks.unpack(
                        stream,
                        m.getId(),
                        body.get("type"),
                        body.get("payload"),
                        EventTracing.valid(body.get("traceparent"))));
    }

    static InboundEvent event(String stream, StreamMessage<String, String> m) {
        String id = m.getBody().get("id");
        UUID eventId;
        try {
            eventId = id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            eventId = null;
        }
        return new InboundEvent(
                stream,
                m.getId(),
                eventId,
                m.getBody().get("type"),
                m.getBody().get("key"),
                m.getBody().get("payload"),
                EventTracing.valid(m.getBody().get("traceparent")));
    }

    @Override
    protected void release() {
        if (connection != null) {
            // a stop may be followed by a start (a paused and resumed context): connect afresh then
            connection.close();
            connection = null;
        }
    }
}
