package oms.orders.tracking;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed status changes on the Redis channel every orders instance listens to. This is
 * the fast path only: a message that never arrives (Redis down, process killed right after commit)
 * is found by the hubs' feed check and read from the database, so publishing never fails a write.
 */
@Component
public class StatusPublisher implements AutoCloseable {

    private static final String CHANNEL_PREFIX = "oms:order-status:";
    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);
    private static final TypeReference<List<StatusEvent>> EVENTS = new TypeReference<>() {};

    private final RedisClient redis;
    /** Pub/sub channels are server-wide; the database number keeps deployments sharing a server apart. */
    final String channel;

    private final JsonMapper json;
    private volatile StatefulRedisConnection<String, String> connection;

    StatusPublisher(@Value("${oms.redis-url}") String redisUrl, JsonMapper json) {
        // its own client: while Redis is away, publishing fails at once instead of queueing in memory
        this.redis = RedisClient.create(redisUrl);
        this.redis.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.json = json;
        this.channel = CHANNEL_PREFIX + RedisURI.create(redisUrl).getDatabase();
    }

    Mono<Void> publish(List<StatusEvent> events) {
        if (events.isEmpty()) {
            return Mono.empty();
        }
        StatefulRedisConnection<String, String> open = connection;
        Mono<StatefulRedisConnection<String, String>> conn = open != null
                ? Mono.just(open)
                : Mono.fromCallable(this::connection).subscribeOn(Schedulers.boundedElastic());
        return conn.flatMap(c -> c.reactive().publish(channel, json.writeValueAsString(events)))
                .timeout(Duration.ofSeconds(1))
                .doOnError(e -> log.debug(
                        "Status changes up to {} not published (the feed check will deliver them): {}",
                        events.getLast().seq(),
                        e.toString()))
                .onErrorComplete()
                .then();
    }

    List<StatusEvent> decode(String message) {
        return json.readValue(message, EVENTS);
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            synchronized (this) {
                c = connection;
                if (c == null) {
                    c = redis.connect();
                    connection = c;
                }
            }
        }
        return c;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        redis.shutdown();
    }
}
