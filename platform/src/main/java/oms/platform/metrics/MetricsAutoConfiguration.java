package oms.platform.metrics;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import oms.platform.events.EventConsumer;
import oms.platform.events.EventsAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.observation.DataFetcherObservationConvention;
import org.springframework.graphql.observation.DataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The meters every service shares beyond Spring Boot's own (HTTP, GraphQL, JVM, R2DBC pool): outbox
 * backlog and stream consumer lag, read in the background every {@code oms.metrics.refresh-interval}
 * (5 s), operation names on GraphQL request metrics, and which data fetchers are observed
 * ({@link FieldObservations}). Names and tags are listed in the README
 * ("Observing it"); dashboards and alert rules depend on them.
 */
@AutoConfiguration(
        after = EventsAutoConfiguration.class,
        beforeName = "org.springframework.boot.graphql.autoconfigure.observation.GraphQlObservationAutoConfiguration")
public class MetricsAutoConfiguration {

    @Bean
    OutboxBacklog outboxBacklog(DatabaseClient db, MeterRegistry meters) {
        return new OutboxBacklog(db, meters);
    }

    @Bean(destroyMethod = "close")
    StreamLag streamLag(RedisClient client, ObjectProvider<EventConsumer> consumers, MeterRegistry meters) {
        return new StreamLag(client, consumers.orderedStream().toList(), meters);
    }

    @Bean
    Refresher metricsRefresher(List<Probe> probes, @Value("${oms.metrics.refresh-interval:5s}") Duration interval) {
        return new Refresher(probes, interval);
    }

    @Bean
    OperationNames graphQlOperationNames() {
        return new OperationNames();
    }

    /** Takes the place of Spring Boot's GraphQL instrumentation (which backs off when one exists). */
    @Bean
    @ConditionalOnProperty(
            name = "dgs.springgraphql.autoconfiguration.graphqlobservation.enabled",
            havingValue = "true")
    FieldObservations graphQlObservationInstrumentation(
            ObservationRegistry registry,
            ObjectProvider<ExecutionRequestObservationConvention> requestConvention,
            ObjectProvider<DataFetcherObservationConvention> fetcherConvention,
            ObjectProvider<DataLoaderObservationConvention> loaderConvention,
            @Value("${oms.graphql.field-observations:root}") String scope) {
        return new FieldObservations(
                registry,
                requestConvention.getIfAvailable(),
                fetcherConvention.getIfAvailable(),
                loaderConvention.getIfAvailable(),
                FieldObservations.Scope.parse(scope));
    }
}
