package oms.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Argument;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.IntValue;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import oms.platform.error.ErrorCode;
import oms.platform.graphql.InputLimits;

/**
 * The rules every subgraph schema keeps, checked by each subgraph's tests: every String and list
 * argument or input field carries {@code @size(max:)} and says its bound in its description ("At most
 * N characters" / "At most N"), so clients read the limits in the supergraph; and the schema's
 * {@code ErrorCode} enum lists only codes the platform's {@link ErrorCode} has.
 */
public final class SchemaContract {

    private SchemaContract() {}

    public static void check(Path schemaFolder) {
        TypeDefinitionRegistry registry = parse(schemaFolder);
        List<String> problems = new ArrayList<>();
        registry.getTypes(ObjectTypeDefinition.class).forEach(type -> {
            for (FieldDefinition field : type.getFieldDefinitions()) {
                for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                    bounded(
                            type.getName() + "." + field.getName() + "(" + argument.getName() + ")",
                            argument,
                            problems);
                }
            }
        });
        registry.getTypes(InputObjectTypeDefinition.class).forEach(type -> {
            for (InputValueDefinition field : type.getInputValueDefinitions()) {
                bounded(type.getName() + "." + field.getName(), field, problems);
            }
        });
        assertThat(problems).as("unbounded inputs in " + schemaFolder).isEmpty();

        List<String> known = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        registry.getType("ErrorCode", EnumTypeDefinition.class)
                .ifPresent(codes -> assertThat(known)
                        .as("ErrorCode values of " + schemaFolder + " that the platform does not define")
                        .containsAll(codes.getEnumValueDefinitions().stream()
                                .map(EnumValueDefinition::getName)
                                .toList()));
    }

    private static void bounded(String where, InputValueDefinition input, List<String> problems) {
        if (where.startsWith("Query._entities")) {
            return;
        }
        Type<?> type = input.getType() instanceof NonNullType nonNull ? nonNull.getType() : input.getType();
        boolean list = type instanceof ListType;
        boolean string = type instanceof TypeName name && name.getName().equals("String");
        boolean strings =
                type instanceof ListType items && named(items.getType()).equals("String");
        if (!list && !string) {
            return;
        }
        Integer max = argument(input, "max");
        if (max == null) {
            problems.add(where + ": no @" + InputLimits.DIRECTIVE + "(max:)");
            return;
        }
        Integer each = argument(input, "each");
        if (strings && each == null) {
            problems.add(where + ": a list of strings needs @" + InputLimits.DIRECTIVE + "(each:)");
            return;
        }
        String stated = String.format("At most %,d", max)
                + (string ? " characters" : "")
                + (strings ? String.format(", each at most %,d characters", each) : "");
        Description description = input.getDescription();
        if (description == null || !description.getContent().contains(stated)) {
            problems.add(where + ": its description does not say \"" + stated + "\"");
        }
    }

    private static Integer argument(DirectivesContainer<?> element, String name) {
        List<Directive> size = element.getDirectives(InputLimits.DIRECTIVE);
        if (size.isEmpty()) {
            return null;
        }
        Argument argument = size.getFirst().getArgument(name);
        return argument != null && argument.getValue() instanceof IntValue value
                ? value.getValue().intValueExact()
                : null;
    }

    private static String named(Type<?> type) {
        return switch (type) {
            case NonNullType nonNull -> named(nonNull.getType());
            case ListType list -> named(list.getType());
            case TypeName name -> name.getName();
            default -> "";
        };
    }

    private static TypeDefinitionRegistry parse(Path folder) {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".graphqls"))
                    .sorted()
                    .toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return registry;
    }
}
