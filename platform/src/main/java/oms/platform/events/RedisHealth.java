package oms.platform.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Redis for readiness (not liveness): while Redis is unreachable an instance is taken out of the load
 * balancer's rotation, but not restarted, since nothing a restart does brings Redis back, and the
 * outbox keeps every event until it returns.
 */
class RedisHealth implements ReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    RedisHealth(RedisClient client) {
        this.client = client;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromCallable(this::connection)
                .flatMap(c -> Mono.fromCompletionStage(c.async().ping().toCompletableFuture()))
                .timeout(TIMEOUT)
                .map(pong -> Health.up().build())
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("error", e.getClass().getSimpleName())
                        .build()));
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            synchronized (this) {
                c = connection;
                if (c == null || !c.isOpen()) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return c;
    }
}
