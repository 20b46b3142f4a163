package oms.platform.metrics;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.graphql.observation.DefaultExecutionRequestObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;

/**
 * Adds the tag {@code graphql.operation} to {@code graphql.request}: the operation's name, or, for
 * the anonymous operations the router sends, its root fields ({@code createOrders},
 * {@code _entities}). Spring for GraphQL keeps operation names out of metrics because clients choose
 * them; here the router is the only client, and the number of distinct values is capped anyway
 * (further ones count as {@code other}), so a stray caller cannot flood the time series.
 */
class OperationNames extends DefaultExecutionRequestObservationConvention {

    static final String KEY = "graphql.operation";
    static final int MAX_NAMES = 200;
    private static final int MAX_CACHED_QUERIES = 2000;
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, String> byQuery = new ConcurrentHashMap<>();

    @Override
    public KeyValues getLowCardinalityKeyValues(ExecutionRequestObservationContext context) {
        return super.getLowCardinalityKeyValues(context)
                .and(KeyValue.of(
                        KEY,
                        operation(
                                context.getExecutionInput().getOperationName(),
                                context.getExecutionInput().getQuery())));
    }

    String operation(String operationName, String query) {
        String name = operationName != null && !operationName.isBlank() ? operationName : rootFields(query);
        if (!NAME.matcher(name.replace(",", "_")).matches()) {
            return "other";
        }
        if (seen.contains(name)) {
            return name;
        }
        if (seen.size() >= MAX_NAMES) {
            return "other";
        }
        seen.add(name);
        return name;
    }

    private String rootFields(String query) {
        if (query == null) {
            return "anonymous";
        }
        String cached = byQuery.get(query);
        if (cached != null) {
            return cached;
        }
        String fields;
        try {
            Document document = Parser.parse(query);
            fields = document.getDefinitionsOfType(OperationDefinition.class).stream()
                    .findFirst()
                    .map(op -> op.getSelectionSet().getSelectionsOfType(Field.class).stream()
                            .map(Field::getName)
                            .distinct()
                            .sorted()
                            .collect(Collectors.joining(",")))
                    .filter(s -> !s.isEmpty())
                    .orElse("anonymous");
        } catch (RuntimeException unparsable) {
            fields = "invalid";
        }
        if (byQuery.size() < MAX_CACHED_QUERIES) {
            byQuery.put(query, fields);
        }
        return fields;
    }
}
