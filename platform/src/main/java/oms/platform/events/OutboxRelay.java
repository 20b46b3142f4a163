package oms.platform.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Copies committed outbox rows to Redis Streams, oldest first, and marks them published in the same
 * database transaction that locked them. If Redis is down the rows stay unpublished and the relay
 * retries with back-off; if the process dies between publishing and marking, the rows are published
 * again and consumers drop the duplicates by event id. Several instances share the work (SKIP LOCKED).
 */
public class OutboxRelay extends BackgroundWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 1000;
    private static final long MAX_STREAM_LENGTH = 1_000_000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> redis;
    private final Duration pollInterval;
    private final Counter published;
    private final Semaphore wake = new Semaphore(0);

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, RedisClient client, Duration pollInterval,
                       MeterRegistry meters) {
        super("outbox-relay");
        this.db = db;
        this.tx = tx;
        this.client = client;
        this.pollInterval = pollInterval;
        this.published = Counter.builder("oms.outbox.published").description("Events relayed to Redis").register(meters);
    }

    public void wakeUp() {
        wake.release();
    }

    /** Publishes one batch; answers how many events it published. */
    public int relayOnce() {
        Integer count = tx.transactional(db.sql("""
                        SELECT id, event_id, stream, type, key, payload::text AS payload FROM outbox
                        WHERE published_at IS NULL ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED""")
                .bind("batch", BATCH)
                .map(row -> new Pending(row.get("id", Long.class), row.get("event_id", java.util.UUID.class).toString(),
                        row.get("stream", String.class), row.get("type", String.class), row.get("key", String.class),
                        row.get("payload", String.class)))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0) : publish(rows).then(markPublished(rows)).thenReturn(rows.size())))
                .block();
        int n = count == null ? 0 : count;
        published.increment(n);
        return n;
    }

    private Mono<Void> publish(List<Pending> rows) {
        if (redis == null) {
            // connect lazily: the service starts (and keeps its outbox) while Redis is down
            redis = client.connect();
        }
        // all commands go out back to back on one connection (pipelined), then we wait for every reply
        List<CompletableFuture<String>> replies = new ArrayList<>(rows.size());
        XAddArgs args = XAddArgs.Builder.maxlen(MAX_STREAM_LENGTH).approximateTrimming();
        for (Pending row : rows) {
            replies.add(redis.async().xadd(row.stream(), args, Map.of(
                    "id", row.eventId(), "type", row.type(), "key", row.key(), "payload", row.payload()))
                    .toCompletableFuture());
        }
        return Mono.fromFuture(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)));
    }

    private Mono<Long> markPublished(List<Pending> rows) {
        return db.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)")
                .bind("ids", rows.stream().map(Pending::id).toArray(Long[]::new))
                .fetch().rowsUpdated();
    }

    @Override
    protected void loop() {
        long backoff = 100;
        while (running) {
            try {
                int n = relayOnce();
                backoff = 100;
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

    private record Pending(long id, String eventId, String stream, String type, String key, String payload) {}
}
