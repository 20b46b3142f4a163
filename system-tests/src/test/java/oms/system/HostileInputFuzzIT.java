package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Schema-driven hostile input: for every argument and input field of every query and mutation of the
 * four subgraphs, requests with hostile values (huge, negative, zero, exponent decimals, NaN, long and
 * empty strings, control characters, unicode, wrong types, unknown enum values, oversized lists), the
 * rest of the input plausible. Each goes through the router (as a customer and as sales staff) and,
 * signed as the router signs, straight to the subgraph that owns the field. No answer may be INTERNAL
 * or a 5xx, a refused mutation writes nothing, and every service still answers afterwards.
 */
class HostileInputFuzzIT {

    private static final List<String> SUBGRAPHS = List.of("customers", "inventory", "orders", "shipping");
    /** Tables a mutation of each subgraph writes directly (the saga's own writes are not counted). */
    private static final Map<String, List<String>> WRITTEN = Map.of(
            "customers", List.of("customers", "addresses", "customer_notes"),
            "inventory", List.of("products", "stock_movements"),
            "orders", List.of("orders", "order_lines", "idempotency_keys"),
            "shipping", List.of("shipment_events"));

    private final Random random = new Random(20261202);
    private final Map<String, Integer> codes = new TreeMap<>();
    private int requests;

    @Test
    void no_hostile_value_in_any_argument_yields_internal_a_5xx_a_write_or_a_dead_service() throws IOException {
        List<String> internal = new ArrayList<>();
        for (String subgraph : SUBGRAPHS) {
            TypeDefinitionRegistry schema = schema(subgraph);
            GraphQlClient direct = new GraphQlClient(RunningStack.get().subgraphUrl(subgraph) + "/graphql")
                    .withBearer(RunningStack.token("ada"));
            List<GraphQlClient> clients = List.of(
                    direct,
                    RunningStack.router().withBearer(RunningStack.token("sam")),
                    RunningStack.router().withBearer(RunningStack.token("alice")));
            for (String root : List.of("Query", "Mutation")) {
                ObjectTypeDefinition type =
                        schema.getType(root, ObjectTypeDefinition.class).orElse(null);
                if (type == null) {
                    continue;
                }
                for (FieldDefinition field : type.getFieldDefinitions()) {
                    if (field.getName().startsWith("_")) {
                        continue;
                    }
                    for (Case hostile : cases(schema, field)) {
                        String operation = root.equals("Query") ? "query" : "mutation";
                        String query = operation + "(" + hostile.declarations() + ") { " + field.getName()
                                + hostile.arguments() + selection(schema, field.getType()) + " }";
                        for (GraphQlClient client : clients) {
                            long[] before = root.equals("Mutation") ? rows(subgraph) : null;
                            GraphQlClient.Response response = client.send(body(query, hostile.variables()));
                            requests++;
                            record(response, query, hostile, internal);
                            if (before != null && refused(response.body(), field.getName())) {
                                assertThat(rows(subgraph))
                                        .as("a refused %s with %s wrote nothing", field.getName(), hostile.what())
                                        .containsExactly(before);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("Hostile input: %,d requests, codes %s%n", requests, codes);
        assertThat(internal).as("answers with INTERNAL or a 5xx").isEmpty();
        assertThat(requests).isGreaterThan(1_000);
        for (String subgraph : SUBGRAPHS) {
            GraphQlClient.Response alive = new GraphQlClient(RunningStack.get().subgraphUrl(subgraph) + "/graphql")
                    .send(body("{ __typename }", Map.of()));
            assertThat(alive.status()).as(subgraph + " still answers").isEqualTo(200);
        }
        JsonNode page = RunningStack.router()
                .withBearer(RunningStack.token("sam"))
                .execute("{ orders(first: 3) { edges { node { number customer { name } } } } }");
        assertThat(page.at("/data/orders/edges").size()).isEqualTo(3);
    }

    private String body(String query, Map<String, Object> variables) {
        return GraphQlClient.json().writeValueAsString(oms.testsupport.GraphQlRequests.body(query, variables, true));
    }

    private void record(GraphQlClient.Response response, String query, Case hostile, List<String> internal) {
        JsonNode errors = response.body().path("errors");
        String code = errors.isEmpty()
                ? (response.status() == 200 ? "OK" : "HTTP " + response.status())
                : errors.path(0).path("extensions").path("code").asString("NO_CODE");
        codes.merge(code, 1, Integer::sum);
        boolean bad = response.status() >= 500;
        for (JsonNode error : errors) {
            String c = error.path("extensions").path("code").asString("");
            bad |= c.equals("INTERNAL") || c.equals("INTERNAL_SERVER_ERROR") || c.isEmpty();
        }
        if (bad && internal.size() < 20) {
            internal.add(hostile.what() + " → HTTP " + response.status() + " "
                    + abbreviate(response.body().toString()) + " for " + abbreviate(query));
        }
    }

    private static boolean refused(JsonNode body, String field) {
        JsonNode payload = body.path("data").path(field);
        return body.path("errors").size() > 0
                || payload.isNull()
                || payload.isMissingNode()
                || payload.path("userErrors").size() > 0;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static long[] rows(String subgraph) {
        List<String> tables = WRITTEN.get(subgraph);
        long[] counts = new long[tables.size()];
        try (Connection db = RunningStack.database(subgraph)) {
            for (int i = 0; i < tables.size(); i++) {
                try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM " + tables.get(i))) {
                    rs.next();
                    counts[i] = rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static TypeDefinitionRegistry schema(String subgraph) throws IOException {
        Path folder = RunningStack.get()
                .options()
                .projectDir()
                .resolve("subgraph-" + subgraph)
                .resolve("src/main/resources/schema");
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (var files = Files.list(folder)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".graphqls")).toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        return registry;
    }

    /** One request's arguments: a plausible value everywhere but at one place, which gets a hostile one. */
    record Case(String what, String declarations, String arguments, Map<String, Object> variables) {}

    private List<Case> cases(TypeDefinitionRegistry schema, FieldDefinition field) {
        List<Case> cases = new ArrayList<>();
        List<InputValueDefinition> args = field.getInputValueDefinitions();
        if (args.isEmpty()) {
            return cases;
        }
        StringBuilder declarations = new StringBuilder();
        StringBuilder arguments = new StringBuilder("(");
        for (InputValueDefinition arg : args) {
            declarations
                    .append(declarations.isEmpty() ? "" : ", ")
                    .append('$')
                    .append(arg.getName())
                    .append(": ")
                    .append(print(arg.getType()));
            arguments
                    .append(arguments.length() == 1 ? "" : ", ")
                    .append(arg.getName())
                    .append(": $")
                    .append(arg.getName());
        }
        arguments.append(')');
        for (int target = 0; target < args.size(); target++) {
            InputValueDefinition arg = args.get(target);
            for (Object value : hostileValues(schema, arg.getType(), 0)) {
                cases.add(new Case(
                        field.getName() + "(" + arg.getName() + ")",
                        declarations.toString(),
                        arguments.toString(),
                        variables(schema, args, arg.getName(), value)));
            }
            // and one level into an input object: each of its fields hostile in turn
            if (named(arg.getType()) instanceof String typeName
                    && schema.getType(typeName, InputObjectTypeDefinition.class).orElse(null)
                            instanceof InputObjectTypeDefinition input) {
                for (InputValueDefinition inner : input.getInputValueDefinitions()) {
                    for (Object value : hostileValues(schema, inner.getType(), 1)) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> object = (Map<String, Object>) plausible(schema, arg.getType(), 0);
                        Map<String, Object> changed = new LinkedHashMap<>(object == null ? Map.of() : object);
                        changed.put(inner.getName(), value);
                        cases.add(new Case(
                                field.getName() + "(" + arg.getName() + "." + inner.getName() + ")",
                                declarations.toString(),
                                arguments.toString(),
                                variables(schema, args, arg.getName(), changed)));
                    }
                }
            }
        }
        return cases;
    }

    private Map<String, Object> variables(
            TypeDefinitionRegistry schema, List<InputValueDefinition> args, String hostile, Object value) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (InputValueDefinition arg : args) {
            variables.put(arg.getName(), arg.getName().equals(hostile) ? value : plausible(schema, arg.getType(), 0));
        }
        return variables;
    }

    private List<Object> hostileValues(TypeDefinitionRegistry schema, Type<?> type, int depth) {
        boolean list = unwrap(type) instanceof ListType;
        String name = named(type);
        List<Object> values = new ArrayList<>();
        values.add(null);
        values.add(List.of(Map.of("nested", List.of(List.of("deep")))));
        if (list) {
            values.add(Collections.nCopies(5_000, plausible(schema, ((ListType) unwrap(type)).getType(), depth + 1)));
            values.add(List.of());
        }
        switch (name) {
            case "String" ->
                values.addAll(List.of(
                        "",
                        "x".repeat(100_000),
                        "nul\u0000byte",
                        "bell\u0007",
                        "\u202eevil",
                        "😀".repeat(300),
                        "' OR 1=1 --",
                        "%_\\",
                        " ",
                        "\uFEFF",
                        randomText(5_000)));
            case "ID" ->
                values.addAll(List.of(
                        "",
                        "not-a-uuid",
                        "00000000-0000-0000-0000-000000000000",
                        "x".repeat(10_000),
                        UUID.randomUUID() + "\u0000",
                        42));
            case "Int" ->
                values.addAll(List.of(-1, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, 2_147_483_648L, 1.5, "7", true));
            case "Decimal" ->
                values.addAll(List.of(
                        "1E+999999999",
                        "1e-999999999",
                        "NaN",
                        "Infinity",
                        "-Infinity",
                        "1E+20",
                        "0.001",
                        "-1",
                        "0",
                        "9".repeat(5_000),
                        1e308,
                        "12,50",
                        ""));
            case "DateTime" ->
                values.addAll(List.of(
                        "yesterday",
                        "9999-99-99T99:99:99Z",
                        "",
                        "2026-01-01",
                        1700000000,
                        "+999999999-12-31T23:59:59Z"));
            case "Boolean" -> values.addAll(List.of("true", 1));
            default -> {
                if (schema.getType(name, EnumTypeDefinition.class).isPresent()) {
                    values.addAll(List.of("NOPE", "", "pending", 3));
                } else {
                    values.addAll(List.of("string for an object", 7, Map.of("unknownField", 1)));
                }
            }
        }
        return values;
    }

    private Object plausible(TypeDefinitionRegistry schema, Type<?> type, int depth) {
        Type<?> inner = unwrap(type);
        if (inner instanceof ListType list) {
            Object item = plausible(schema, list.getType(), depth + 1);
            return item == null ? List.of() : List.of(item);
        }
        String name = named(type);
        return switch (name) {
            case "String" -> "Fuzz " + random.nextInt(1000);
            case "ID" -> UUID.randomUUID().toString();
            case "Int" -> 1;
            case "Decimal" -> "1.00";
            case "DateTime" -> "2026-01-01T00:00:00Z";
            case "Boolean" -> true;
            default -> {
                var enumType = schema.getType(name, EnumTypeDefinition.class);
                if (enumType.isPresent()) {
                    yield enumType.get().getEnumValueDefinitions().getFirst().getName();
                }
                var input = schema.getType(name, InputObjectTypeDefinition.class);
                if (input.isEmpty() || depth > 3) {
                    yield null;
                }
                Map<String, Object> object = new LinkedHashMap<>();
                for (InputValueDefinition field : input.get().getInputValueDefinitions()) {
                    object.put(
                            field.getName(),
                            field.getName().equals("country") ? "DE" : plausible(schema, field.getType(), depth + 1));
                }
                yield object;
            }
        };
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.appendCodePoint(random.nextInt(0x20, 0x2FFF));
        }
        return text.toString();
    }

    private static String selection(TypeDefinitionRegistry schema, Type<?> type) {
        String name = named(type);
        return schema.getType(name, ObjectTypeDefinition.class).isPresent() ? " { __typename }" : "";
    }

    private static Type<?> unwrap(Type<?> type) {
        return type instanceof NonNullType nonNull ? nonNull.getType() : type;
    }

    private static String named(Type<?> type) {
        return switch (type) {
            case NonNullType nonNull -> named(nonNull.getType());
            case ListType list -> named(list.getType());
            case TypeName name -> name.getName();
            default -> "";
        };
    }

    private static String print(Type<?> type) {
        return switch (type) {
            case NonNullType nonNull -> print(nonNull.getType()) + "!";
            case ListType list -> "[" + print(list.getType()) + "]";
            case TypeName name -> name.getName();
            default -> "";
        };
    }
}
