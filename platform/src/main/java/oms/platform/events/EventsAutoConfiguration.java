package oms.platform.events;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Redis and the outbox relay, for every service; each service declares its own consumers. */
@AutoConfiguration
public class EventsAutoConfiguration {

    /** Commands give up after {@code oms.redis-timeout} (5 s): a hung Redis never holds a caller for a minute. */
    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(@Value("${oms.redis-url}") String url, @Value("${oms.redis-timeout:5s}") Duration timeout) {
        RedisClient client = RedisClient.create(url);
        client.setDefaultTimeout(timeout);
        return client;
    }

    @Bean
    RedisHealth redisHealthIndicator(RedisClient client) {
        return new RedisHealth(client);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator tx, RedisClient client, MeterRegistry meters,
                            @Value("${oms.outbox.poll-interval:2s}") Duration pollInterval) {
        return new OutboxRelay(db, tx, client, pollInterval, meters);
    }

    @Bean
    Outbox outbox(DatabaseClient db, OutboxRelay relay) {
        return new Outbox(db, relay);
    }

    /**
     * Builds a consumer with its own Redis connection (its blocking reads must not hold up others).
     * {@code oms.events.reclaim-idle}: how long an event may sit with a consumer that does not
     * acknowledge it (a crashed instance) before another takes it over. {@code oms.events.test-hold-dir}:
     * only for crash tests, see {@link AckHold}.
     */
    @Bean
    EventConsumers eventConsumers(RedisClient client, DatabaseClient db, TransactionalOperator tx, MeterRegistry meters,
                                  @Value("${oms.events.reclaim-idle:30s}") Duration reclaimIdle,
                                  @Value("${oms.events.test-hold-dir:}") String holdDir) {
        return new EventConsumers(client, db, tx, meters, reclaimIdle, AckHold.in(holdDir));
    }
}
