package oms.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.instrumentation.fieldvalidation.FieldValidationInstrumentation;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InputLimitsTest {

    private static final String SDL = """
            directive @size(max: Int, each: Int) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
            type Query { ok: Boolean }
            type Mutation { place(input: BatchInput!): Int }
            input BatchInput { orders: [OrderInput!]! @size(max: 30) note: String @size(max: 5) }
            input OrderInput { sku: ID! tags: [String!] @size(max: 2, each: 4) note: String @size(max: 8) }
            """;

    private final AtomicInteger calls = new AtomicInteger();
    private final GraphQL graphQL = GraphQL.newGraphQL(new SchemaGenerator()
                    .makeExecutableSchema(
                            new SchemaParser().parse(SDL),
                            RuntimeWiring.newRuntimeWiring()
                                    .type("Mutation", t -> t.dataFetcher("place", env -> calls.incrementAndGet()))
                                    .build()))
            .instrumentation(new FieldValidationInstrumentation(new InputLimits()))
            .build();

    private List<GraphQLError> place(Map<String, Object> input) {
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
                .query("mutation($input: BatchInput!) { place(input: $input) }")
                .variables(Map.of("input", input)));
        return result.getErrors();
    }

    private static Map<String, Object> order(String sku, List<String> tags) {
        Map<String, Object> order = new HashMap<>();
        order.put("sku", sku);
        order.put("tags", tags);
        return order;
    }

    @Test
    void input_within_its_bounds_reaches_the_data_fetcher() {
        assertThat(place(Map.of("orders", List.of(order("a", List.of("x", "yy"))), "note", "hi")))
                .isEmpty();
        assertThat(calls).hasValue(1);
    }

    @Test
    void each_error_names_the_input_field_at_fault_down_to_the_list_entry() {
        List<GraphQLError> errors = place(Map.of(
                "orders",
                List.of(order("a", null), order("b", List.of("ok", "too long")), order("c\u0007", null)),
                "note",
                "longer than five"));

        assertThat(errors)
                .extracting(e ->
                        e.getExtensions().get("code") + " " + e.getExtensions().get("field"))
                .containsExactlyInAnyOrder(
                        "INVALID_ARGUMENT [input, orders, 1, tags, 1]",
                        "INVALID_ARGUMENT [input, orders, 2, sku]",
                        "INVALID_ARGUMENT [input, note]");
        assertThat(errors).extracting(GraphQLError::getMessage).contains("input.orders.1.tags.1: At most 4 characters");
        assertThat(calls).hasValue(0);
    }

    @Test
    void a_list_longer_than_its_bound_is_refused_without_visiting_its_entries() {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            orders.add(order("x".repeat(200), null)); // each entry bad too: only the list is reported
        }
        assertThat(place(Map.of("orders", orders)))
                .extracting(e ->
                        e.getExtensions().get("code") + " " + e.getExtensions().get("field"))
                .containsExactly("LIMIT_EXCEEDED [input, orders]");
        assertThat(calls).hasValue(0);
    }

    @Test
    void each_field_keeps_its_own_bound_across_requests_even_where_names_repeat() {
        Map<String, Object> order = order("a", null);
        order.put("note", "8 chars!");
        assertThat(place(Map.of("orders", List.of(order), "note", "five!"))).isEmpty();
        // the same names again on the same instance: the order's note allows 8, the batch's 5
        order.put("note", "9 chars!!");
        assertThat(place(Map.of("orders", List.of(order), "note", "six!!!")))
                .extracting(e -> e.getExtensions().get("field"))
                .containsExactlyInAnyOrder(List.of("input", "orders", "0", "note"), List.of("input", "note"));
    }

    @Test
    void at_most_twenty_problems_are_listed() {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            orders.add(order("x".repeat(InputLimits.MAX_ID_LENGTH + 1), null));
        }
        assertThat(place(Map.of("orders", orders))).hasSize(20);
        assertThat(calls).hasValue(0);
    }

    @Test
    void an_id_has_a_length_limit_of_its_own() {
        assertThat(place(Map.of("orders", List.of(order("i".repeat(InputLimits.MAX_ID_LENGTH + 1), null)))))
                .extracting(e -> e.getExtensions().get("field"))
                .containsExactly(List.of("input", "orders", "0", "sku"));
    }
}
