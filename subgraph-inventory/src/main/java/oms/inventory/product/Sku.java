package oms.inventory.product;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Stock keeping units are compared without regard to case: they are trimmed and upper-cased on the
 * way in, so "abc-1" and "ABC-1" name the same product.
 */
public final class Sku {

    private static final Pattern FORMAT = Pattern.compile("^[A-Z0-9-]{3,40}$");

    private Sku() {}

    public static String normalize(String sku) {
        return sku == null ? null : sku.trim().toUpperCase(Locale.ROOT);
    }

    /** True for a normalised SKU of 3 to 40 characters of A-Z, 0-9 and '-'. */
    public static boolean isValid(String normalized) {
        return normalized != null && FORMAT.matcher(normalized).matches();
    }
}
