package oms.platform.metrics;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import org.springframework.graphql.observation.DataFetcherObservationConvention;
import org.springframework.graphql.observation.DataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * Spring for GraphQL's observations (the {@code graphql.request} timer and span, one per DataLoader
 * batch, one per data fetcher), with the data fetchers observed only where an operator asks about
 * them: {@code oms.graphql.field-observations} ({@code OMS_FIELD_OBSERVATIONS}) {@code root}, the
 * default, observes the operation's own fields ({@code createOrders}, {@code orders}, {@code
 * _entities}, a subscription's field when it subscribes); {@code all} also every nested field with a
 * fetcher of its own ({@code Order.lines}, {@code CreateOrderResult.order}, each field of every
 * subscription event), which is what Spring for GraphQL does by default.
 *
 * <p>With {@code all}, a 1,000-order {@code createOrders} answer starts a thousand more observations
 * (a timer sample each, and a span with tracing on: one per result's {@code order}), and every status
 * event delivered to a subscriber five (its cursor, number, statuses and order). {@code root} keeps a
 * batch's trace to the spans an operator reads (the mutation, its DataLoader batches, its SQL); the
 * benchmarks show no difference in speed above their run-to-run spread (README, Benchmarks).
 */
public class FieldObservations extends GraphQlObservationInstrumentation {

    public enum Scope {
        ROOT,
        ALL;

        static Scope parse(String value) {
            String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
            for (Scope scope : values()) {
                if (scope.name().equals(name)) {
                    return scope;
                }
            }
            throw new IllegalArgumentException(
                    "oms.graphql.field-observations (OMS_FIELD_OBSERVATIONS) must be root or all, got \"" + value
                            + "\"");
        }
    }

    private final Scope scope;

    public FieldObservations(
            ObservationRegistry registry,
            ExecutionRequestObservationConvention requestConvention,
            DataFetcherObservationConvention fetcherConvention,
            DataLoaderObservationConvention loaderConvention,
            Scope scope) {
        super(registry, requestConvention, fetcherConvention, loaderConvention);
        this.scope = scope;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(
            DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        if (scope == Scope.ROOT && parameters.getExecutionStepInfo().getPath().getLevel() > 1) {
            return fetcher;
        }
        return super.instrumentDataFetcher(fetcher, parameters, state);
    }
}
