package oms.platform.events;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import oms.platform.tracing.EventTracing;
import org.springframework.beans.factory.ObjectProvider;
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
    OutboxRelay outboxRelay(
            DatabaseClient db,
            RedisClient client,
            MeterRegistry meters,
            EventTracing tracing,
            @Value("${oms.outbox.poll-interval:2s}") Duration pollInterval) {
        return new OutboxRelay(db, client, pollInterval, meters, tracing);
    }

    /**
     * Trace context through the outbox and the streams; off when tracing is ({@code OMS_TRACING=off}:
     * then Spring Boot provides no tracer, or only the no-op one).
     */
    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return EventTracing.of(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    /**
     * Sent outbox rows go after {@code oms.retention.outbox} (1 day), processed-event records after
     * {@code oms.retention.processed-events} (7 days: far longer than any redelivery, which happens
     * within minutes), plus each service's own rules (beans of {@link Retention.Rule}).
     */
    @Bean
    Retention retention(
            DatabaseClient db,
            TransactionalOperator tx,
            List<Retention.Rule> serviceRules,
            @Value("${oms.retention.outbox:1d}") Duration outbox,
            @Value("${oms.retention.processed-events:7d}") Duration processed,
            @Value("${oms.retention.interval:1h}") Duration interval) {
        List<Retention.Rule> rules = new ArrayList<>(List.of(
                new Retention.Rule("outbox", "published_at", outbox),
                new Retention.Rule("processed_events", "processed_at", processed)));
        rules.addAll(serviceRules);
        return new Retention(db, tx, rules, interval);
    }

    @Bean
    Outbox outbox(DatabaseClient db, OutboxRelay relay, EventTracing tracing) {
        return new Outbox(db, relay, tracing);
    }

    /**
     * Builds a consumer with its own Redis connection (its blocking reads must not hold up others).
     * {@code oms.events.reclaim-idle}: how long an event may sit with a consumer that does not
     * acknowledge it (a crashed instance) before another takes it over. {@code oms.events.test-hold-dir}:
     * only for crash tests, see {@link AckHold}.
     */
    @Bean
    EventConsumers eventConsumers(
            RedisClient client,
            DatabaseClient db,
            TransactionalOperator tx,
            MeterRegistry meters,
            @Value("${oms.events.reclaim-idle:30s}") Duration reclaimIdle,
            @Value("${oms.events.test-hold-dir:}") String holdDir,
            EventTracing tracing) {
        return new EventConsumers(client, db, tx, meters, reclaimIdle, AckHold.in(holdDir), tracing);
    }
}
