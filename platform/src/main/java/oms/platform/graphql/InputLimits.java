package oms.platform.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.Scalars;
import graphql.execution.instrumentation.fieldvalidation.FieldAndArguments;
import graphql.execution.instrumentation.fieldvalidation.FieldValidation;
import graphql.execution.instrumentation.fieldvalidation.FieldValidationEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import oms.platform.error.CodeClassification;
import oms.platform.error.ErrorCode;

/**
 * Bounds every argument and input field before any data fetcher runs, from the schema alone: a string
 * longer than its {@code @size(max:)} (or {@value #DEFAULT_STRING_LENGTH} characters where the schema
 * states none), an id longer than {@value #MAX_ID_LENGTH}, a string with control characters or broken
 * UTF-16, or a list longer than its {@code @size(max:)} (default {@value #DEFAULT_LIST_SIZE}) refuses the
 * whole operation, so nothing is read, written or computed with it. Strings are {@code INVALID_ARGUMENT},
 * lists {@code LIMIT_EXCEEDED}; each error names the input field at fault.
 */
public final class InputLimits implements FieldValidation {

    public static final String DIRECTIVE = "size";
    public static final int DEFAULT_STRING_LENGTH = 2_000;
    public static final int DEFAULT_LIST_SIZE = 1_000;
    public static final int MAX_ID_LENGTH = 100;
    /** Beyond this many problems in one request the rest are not listed. */
    private static final int MAX_ERRORS = 20;

    /**
     * The {@code @size} bound of each argument and input field, read once per schema element: a batch of
     * 1,000 orders visits the same few input fields thousands of times.
     */
    private final Map<GraphQLDirectiveContainer, Bound> bounds = new ConcurrentHashMap<>();

    @Override
    public List<GraphQLError> validateFields(FieldValidationEnvironment environment) {
        List<GraphQLError> errors = new ArrayList<>();
        for (FieldAndArguments field : environment.getFields()) {
            if (field.getFieldDefinition().getName().equals("_entities")) {
                continue; // representations are built by the router (signed); a large page may need thousands
            }
            for (GraphQLArgument argument : field.getFieldDefinition().getArguments()) {
                Object value = field.getArgumentValuesByName().get(argument.getName());
                check(value, argument.getType(), bound(argument), new Path(null, argument.getName(), -1), errors);
                if (errors.size() >= MAX_ERRORS) {
                    return errors;
                }
            }
        }
        return errors;
    }

    private void check(Object value, GraphQLInputType type, Bound bound, Path path, List<GraphQLError> errors) {
        if (value == null || errors.size() >= MAX_ERRORS) {
            return;
        }
        GraphQLType unwrapped = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        switch (unwrapped) {
            case GraphQLList list
            when value instanceof List<?> items -> {
                int limit = bound.max() != null ? bound.max() : DEFAULT_LIST_SIZE;
                if (items.size() > limit) {
                    errors.add(error(ErrorCode.LIMIT_EXCEEDED, path, "At most " + limit + " entries"));
                    return;
                }
                Bound each = new Bound(bound.each(), null);
                GraphQLInputType itemType = (GraphQLInputType) list.getWrappedType();
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), itemType, each, new Path(path, null, i), errors);
                }
            }
            case GraphQLInputObjectType object
            when value instanceof Map<?, ?> fields -> {
                for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                    Object fieldValue = fields.get(field.getName());
                    if (fieldValue != null) {
                        check(fieldValue, field.getType(), bound(field), new Path(path, field.getName(), -1), errors);
                    }
                }
            }
            case GraphQLScalarType scalar
            when value instanceof String text -> {
                boolean id = scalar.getName().equals(Scalars.GraphQLID.getName());
                int limit = id ? MAX_ID_LENGTH : bound.max() != null ? bound.max() : DEFAULT_STRING_LENGTH;
                if (text.length() > limit) {
                    errors.add(error(ErrorCode.INVALID_ARGUMENT, path, "At most " + limit + " characters"));
                } else if (!printable(text)) {
                    errors.add(error(ErrorCode.INVALID_ARGUMENT, path, "Control characters are not allowed"));
                }
            }
            default -> {}
        }
    }

    private Bound bound(GraphQLDirectiveContainer element) {
        return bounds.computeIfAbsent(element, Bound::of);
    }

    /** Tabs and line breaks are text; other control characters and unpaired surrogates are not. */
    static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code @size(max:, each:)} of an argument or input field; nulls where the schema states none. */
    private record Bound(Integer max, Integer each) {
        static Bound of(GraphQLDirectiveContainer element) {
            GraphQLAppliedDirective size = element.getAppliedDirective(DIRECTIVE);
            return size == null
                    ? new Bound(null, null)
                    : new Bound(
                            size.getArgument("max").getValue(),
                            size.getArgument("each").getValue());
        }
    }

    /**
     * Where a value sits in the arguments: an argument or input field {@code name}, or a list's
     * {@code index}; turned into the error's {@code field} list only when there is an error.
     */
    private record Path(Path parent, String name, int index) {
        List<String> names() {
            List<String> names = parent == null ? new ArrayList<>() : parent.names();
            names.add(name != null ? name : Integer.toString(index));
            return names;
        }
    }

    private static GraphQLError error(ErrorCode code, Path where, String message) {
        List<String> path = List.copyOf(where.names());
        return GraphqlErrorBuilder.newError()
                .message(String.join(".", path) + ": " + message)
                .errorType(CodeClassification.of(code))
                .extensions(Map.of("code", code.name(), "field", path))
                .build();
    }
}
