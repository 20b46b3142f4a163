package oms.customers.address;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;

/** A postal address as entered, normalised and checked. */
public record AddressDraft(
        String label, String line1, String line2, String city, String postalCode, String country, boolean isDefault) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public AddressDraft {
        label = blankToNull(label);
        line1 = trim(line1);
        line2 = blankToNull(line2);
        city = trim(city);
        postalCode = trim(postalCode);
        country = country == null ? null : country.trim().toUpperCase(Locale.ROOT);
    }

    /** Violations, with field paths under {@code prefix} (e.g. ["input", "address"]). */
    public List<Violation> violations(List<String> prefix) {
        List<Violation> problems = new ArrayList<>();
        require(problems, prefix, "line1", line1, 200);
        require(problems, prefix, "city", city, 100);
        require(problems, prefix, "postalCode", postalCode, 20);
        if (country == null || !COUNTRIES.contains(country)) {
            problems.add(new Violation(
                    ErrorCode.INVALID_ARGUMENT,
                    path(prefix, "country"),
                    "Must be an ISO 3166-1 alpha-2 country code, e.g. DE"));
        }
        return problems;
    }

    private static void require(List<Violation> problems, List<String> prefix, String field, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            problems.add(new Violation(
                    ErrorCode.INVALID_ARGUMENT, path(prefix, field), "Must be 1 to " + max + " characters"));
        }
    }

    private static List<String> path(List<String> prefix, String field) {
        List<String> path = new ArrayList<>(prefix);
        path.add(field);
        return path;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
