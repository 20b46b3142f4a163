package oms.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.observation.DataFetcherObservationContext;

class FieldObservationsTest {

    private static final String SDL = """
            type Query { orders: [Order!]! }
            type Order { number: String! lines: [Line!]! }
            type Line { sku: String! }
            """;

    @Test
    void root_observes_the_operations_own_fields_only() {
        List<String> observed = run(FieldObservations.Scope.ROOT);
        assertThat(observed).containsExactly("graphql.request", "orders");
    }

    @Test
    void all_observes_every_field_with_a_fetcher_of_its_own() {
        List<String> observed = run(FieldObservations.Scope.ALL);
        assertThat(observed).filteredOn("orders"::equals).hasSize(1);
        assertThat(observed).filteredOn("lines"::equals).hasSize(3);
        assertThat(observed).doesNotContain("number", "sku");
    }

    @Test
    void the_setting_takes_root_or_all_and_nothing_else() {
        assertThat(FieldObservations.Scope.parse(" Root ")).isEqualTo(FieldObservations.Scope.ROOT);
        assertThat(FieldObservations.Scope.parse("all")).isEqualTo(FieldObservations.Scope.ALL);
        assertThatThrownBy(() -> FieldObservations.Scope.parse("nested"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(OMS_FIELD_OBSERVATIONS) must be root or all, got \"nested\"");
        assertThatThrownBy(() -> FieldObservations.Scope.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Three orders with lines: the request, then the field name of each data fetcher observed. */
    private static List<String> run(FieldObservations.Scope scope) {
        List<String> started = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                started.add(
                        context instanceof DataFetcherObservationContext fetch
                                ? fetch.getEnvironment().getField().getName()
                                : context.getName());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        DataFetcher<?> orders = env -> List.of(Map.of("number", "A"), Map.of("number", "B"), Map.of("number", "C"));
        DataFetcher<?> lines = env -> List.of(Map.of("sku", "S-1"));
        GraphQLSchema schema = new SchemaGenerator()
                .makeExecutableSchema(
                        new SchemaParser().parse(SDL),
                        RuntimeWiring.newRuntimeWiring()
                                .type("Query", t -> t.dataFetcher("orders", orders))
                                .type("Order", t -> t.dataFetcher("lines", lines))
                                .build());
        GraphQL graphQl = GraphQL.newGraphQL(schema)
                .instrumentation(new FieldObservations(registry, null, null, null, scope))
                .build();
        ExecutionResult result = graphQl.execute("{ orders { number lines { sku } } }");
        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, List<?>>>getData().get("orders")).hasSize(3);
        return started;
    }
}
