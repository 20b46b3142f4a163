package oms.platform.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import oms.platform.tracing.EventTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Copies committed outbox rows to Redis Streams, oldest first. A relay first claims a batch of rows
 * for {@link #LEASE} in one auto-committed statement (no lock outlives it), then publishes them, then
 * marks them published: it never holds a database lock while it waits on Redis, so a hung Redis
 * cannot block the service's writes or another instance's relay. If Redis is down the rows stay
 * unpublished and the relay retries with back-off (re-claiming its own rows first, so its order
 * holds); if the process dies between claiming and marking, its claim expires and any instance
 * publishes the rows again — consumers drop the duplicates by event id. Several instances share the
 * work (SKIP LOCKED while claiming, then each its own claims).
 */
public class OutboxRelay extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 1000;
    private static final long MAX_STREAM_LENGTH = 1_000_000;
    /** How long a claim keeps other instances off the rows; a publish that takes longer is abandoned. */
    static final Duration LEASE = Duration.ofSeconds(30);

    private static final Duration PUBLISH_TIMEOUT = LEASE.dividedBy(3);

    private final DatabaseClient db;
    private final RedisClient client;
    private final UUID instance = UUID.randomUUID();
    private StatefulRedisConnection<String, String> redis;
    private final Duration pollInterval;
    private final Counter published;
    private final Semaphore wake = new Semaphore(0);

    private final EventTracing tracing;

    public OutboxRelay(
            DatabaseClient db, RedisClient client, Duration pollInterval, MeterRegistry meters, EventTracing tracing) {
        super("outbox-relay");
        this.db = db;
        this.tracing = tracing;
        this.client = client;
        this.pollInterval = pollInterval;
        this.published = Counter.builder("oms.outbox.published")
                .description("Events relayed to Redis")
                .register(meters);
    }

    public void wakeUp() {
        wake.release();
    }

    /** Publishes one batch; answers how many events it published (a pack's each count). */
    public int relayOnce() {
        List<Pending> rows = claim().block();
        if (rows == null || rows.isEmpty()) {
            return 0;
        }
        List<EventTracing.Handle> spans = rows.stream()
                .map(row -> tracing.publishing(row.traceparent(), row.type(), row.stream(), row.key(), row.writtenAt()))
                .toList();
        try {
            publish(rows, spans).timeout(PUBLISH_TIMEOUT).block();
        } catch (RuntimeException e) {
            // the rows go out again later, in spans of their own
            spans.forEach(EventTracing.Handle::abandon);
            // commands still queued on a hung connection must not go out later: start afresh
            release();
            // give the rows back at once where the database answers; otherwise the lease runs out
            unclaim(rows).onErrorResume(ignored -> Mono.empty()).block();
            throw e;
        }
        spans.forEach(EventTracing.Handle::end);
        markPublished(rows).block();
        int events = rows.stream().mapToInt(Pending::events).sum();
        published.increment(events);
        return events;
    }

    /**
     * Claims the oldest unpublished rows nobody else holds (this instance's own unexpired claims
     * included: what it failed to publish comes first again), in one statement that commits at once:
     * at most {@link #BATCH} rows and, counting a pack's events, the rows that start within the first
     * {@link #BATCH} events (so a backlog of packs is not read into memory 100,000 events at a time).
     */
    private Mono<List<Pending>> claim() {
        return db.sql("""
                        UPDATE outbox SET claimed_by = :me, claimed_until = now() + make_interval(secs => :lease)
                        WHERE id IN (
                            SELECT id FROM (
                                SELECT id, events, sum(events) OVER (ORDER BY id) AS upto
                                FROM (SELECT id, events FROM outbox
                                      WHERE published_at IS NULL
                                        AND (claimed_until IS NULL OR claimed_until < now() OR claimed_by = :me)
                                      ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED) oldest) counted
                            WHERE upto - events < :batch)
                        RETURNING id, event_id, stream, type, key, payload::text AS payload, traceparent, created_at, events""")
                .bind("me", instance)
                .bind("lease", (double) LEASE.toSeconds())
                .bind("batch", BATCH)
                .map(row -> new Pending(
                        row.get("id", Long.class),
                        row.get("event_id", UUID.class).toString(),
                        row.get("stream", String.class),
                        row.get("type", String.class),
                        row.get("key", String.class),
                        row.get("payload", String.class),
                        row.get("traceparent", String.class),
                        row.get("created_at", java.time.OffsetDateTime.class).toInstant(),
                        row.get("events", Integer.class)))
                .all()
                .sort(Comparator.comparingLong(Pending::id))
                .collectList();
    }

    private Mono<Void> publish(List<Pending> rows, List<EventTracing.Handle> spans) {
        if (redis == null) {
            // connect lazily: the service starts (and keeps its outbox) while Redis is down
            redis = client.connect();
        }
        // all commands go out back to back on one connection (pipelined), then we wait for every reply
        List<CompletableFuture<String>> replies = new ArrayList<>(rows.size());
        XAddArgs args = XAddArgs.Builder.maxlen(MAX_STREAM_LENGTH).approximateTrimming();
        for (int i = 0; i < rows.size(); i++) {
            Pending row = rows.get(i);
            Map<String, String> entry = new java.util.HashMap<>(8);
            entry.put("id", row.eventId());
            entry.put("type", row.type());
            entry.put("key", row.key());
            entry.put("payload", row.payload());
            String traceparent = spans.get(i).traceparent();
            if (traceparent != null) {
                entry.put("traceparent", traceparent);
            }
            if (row.events() > 1) {
                entry.put(EventPacks.COUNT_FIELD, Integer.toString(row.events()));
            }
            replies.add(redis.async().xadd(row.stream(), args, entry).toCompletableFuture());
        }
        return Mono.fromFuture(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)));
    }

    private Mono<Long> markPublished(List<Pending> rows) {
        return db.sql(
                        "UPDATE outbox SET published_at = now(), claimed_by = NULL, claimed_until = NULL WHERE id = ANY(:ids)")
                .bind("ids", ids(rows))
                .fetch()
                .rowsUpdated();
    }

    private Mono<Long> unclaim(List<Pending> rows) {
        return db.sql(
                        "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ANY(:ids) AND claimed_by = :me")
                .bind("ids", ids(rows))
                .bind("me", instance)
                .fetch()
                .rowsUpdated();
    }

    private static Long[] ids(List<Pending> rows) {
        return rows.stream().map(Pending::id).toArray(Long[]::new);
    }

    @Override
    protected void loop() {
        long backoff = 100;
        while (running) {
            try {
                int n = relayOnce();
                backoff = 100;
                // a claim short of BATCH events took everything there was: wait to be woken or for the poll
                if (n < BATCH) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox relay failed, retrying in {} ms: {}", backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    @Override
    protected void interruptWait() {
        wake.release();
    }

    @Override
    protected void release() {
        if (redis != null) {
            // a stop may be followed by a start (a paused and resumed context): connect afresh then
            redis.close();
            redis = null;
        }
    }

    private record Pending(
            long id,
            String eventId,
            String stream,
            String type,
            String key,
            String payload,
            String traceparent,
            java.time.Instant writtenAt,
            int events) {}
}
