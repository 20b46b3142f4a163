package oms.platform.graphql;

import com.netflix.graphql.dgs.DgsScalar;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Exact decimal amounts. Serialized as a string so that no client loses precision in a float;
 * accepted as a string, an int or a float literal.
 */
@DgsScalar(name = "Decimal")
public class DecimalScalar implements Coercing<BigDecimal, String> {

    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        throw new CoercingSerializeException("Not a decimal: " + value.getClass().getSimpleName());
    }

    @Override
    public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
        try {
            return switch (input) {
                case BigDecimal decimal -> decimal;
                case Number number -> new BigDecimal(number.toString());
                case String text -> new BigDecimal(text.trim());
                default -> throw new CoercingParseValueException("Expected a decimal string");
            };
        } catch (NumberFormatException e) {
            throw new CoercingParseValueException("Expected a decimal such as \"12.50\"");
        }
    }

    @Override
    public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        try {
            return switch (input) {
                case StringValue s -> new BigDecimal(s.getValue().trim());
                case IntValue i -> new BigDecimal(i.getValue());
                case FloatValue f -> f.getValue();
                default -> throw new CoercingParseLiteralException("Expected a decimal string");
            };
        } catch (NumberFormatException e) {
            throw new CoercingParseLiteralException("Expected a decimal such as \"12.50\"");
        }
    }
}
