package oms.inventory.product;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;

/**
 * The editable fields of a product, normalised and checked. {@link #violations()} lists every
 * problem at once so a form can show them together.
 */
public record ProductDetails(String name, String description, BigDecimal price, String currency, boolean active) {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    public ProductDetails {
        name = name == null ? null : name.trim();
        description = description == null || description.isBlank() ? null : description.trim();
        currency = currency == null ? null : currency.trim().toUpperCase(Locale.ROOT);
    }

    public List<Violation> violations() {
        List<Violation> problems = new ArrayList<>();
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            problems.add(Violation.of(ErrorCode.INVALID_ARGUMENT, "name", "Must be 1 to " + MAX_NAME + " characters"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(Violation.of(
                    ErrorCode.INVALID_ARGUMENT, "description", "Must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (!isValidPrice(price)) {
            problems.add(Violation.of(
                    ErrorCode.INVALID_PRICE,
                    "price",
                    "Must be greater than 0 and at most 1000000, with at most two decimals"));
        }
        if (currency == null || !CURRENCIES.contains(currency)) {
            problems.add(Violation.of(
                    ErrorCode.INVALID_ARGUMENT, "currency", "Must be an ISO 4217 currency code, e.g. EUR"));
        }
        return problems;
    }

    /** The price as stored: exactly two decimals. Only meaningful when there are no violations. */
    public Money money() {
        return new Money(price.setScale(2, RoundingMode.UNNECESSARY), currency);
    }

    static boolean isValidPrice(BigDecimal price) {
        return price != null
                && price.signum() > 0
                && price.compareTo(MAX_PRICE) <= 0
                // 12.500 is fine: trailing zeros carry no precision
                && price.stripTrailingZeros().scale() <= 2;
    }
}
