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
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import oms.platform.error.ErrorCode;

/**
 * Exact money amounts. Serialized as a string so that no client loses precision in a float; accepted
 * as a string, an int or a float literal. Every amount in this API is money, so the scalar itself
 * refuses what no amount can be: more than {@value #MAX_INTEGER_DIGITS} integer digits, more than
 * {@value #MAX_FRACTION_DIGITS} decimals, NaN, Infinity, or a text longer than {@value #MAX_TEXT}
 * characters. The bounds are checked on the parsed digits and exponent, before anything expands the
 * number, so an exponent such as {@code 1E+999999999} costs nothing.
 */
@DgsScalar(name = "Decimal")
public class DecimalScalar implements Coercing<BigDecimal, String> {

    public static final int MAX_INTEGER_DIGITS = 12;
    public static final int MAX_FRACTION_DIGITS = 2;
    static final int MAX_TEXT = 32;
    private static final String EXPECTED = "Expected an amount with at most " + MAX_INTEGER_DIGITS
            + " integer digits and " + MAX_FRACTION_DIGITS + " decimals, such as \"12.50\"";
    private static final Map<String, Object> CODE = Map.of("code", ErrorCode.INVALID_ARGUMENT.name());

    @Override
    public String serialize(Object value, GraphQLContext context, Locale locale) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        throw new CoercingSerializeException(
                "Not a decimal: " + value.getClass().getSimpleName());
    }

    @Override
    public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
        return amount(input)
                .orElseThrow(() -> CoercingParseValueException.newCoercingParseValueException()
                        .message(EXPECTED)
                        .extensions(CODE)
                        .build());
    }

    @Override
    public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        Object raw = switch (input) {
            case StringValue s -> s.getValue();
            case IntValue i -> i.getValue();
            case FloatValue f -> f.getValue();
            default -> null;
        };
        return amount(raw)
                .orElseThrow(() -> CoercingParseLiteralException.newCoercingParseLiteralException()
                        .message(EXPECTED)
                        .extensions(CODE)
                        .build());
    }

    /** The amount a client value stands for, if it is one within the bounds. */
    public static Optional<BigDecimal> amount(Object input) {
        BigDecimal value = switch (input) {
            case BigDecimal decimal -> decimal;
            case BigInteger integer -> integer.bitLength() > 64 ? null : new BigDecimal(integer);
            case Double d -> Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
            case Float f -> Float.isFinite(f) ? BigDecimal.valueOf(f) : null;
            case Number number -> BigDecimal.valueOf(number.longValue());
            case String text -> parse(text);
            case null, default -> null;
        };
        return Optional.ofNullable(value).flatMap(DecimalScalar::bounded);
    }

    private static BigDecimal parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT) {
            return null;
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<BigDecimal> bounded(BigDecimal value) {
        if (value.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        // precision and scale are read off the unscaled digits and the exponent: no expansion happens
        BigDecimal stripped = value.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (stripped.scale() > MAX_FRACTION_DIGITS || integerDigits > MAX_INTEGER_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
    }
}
