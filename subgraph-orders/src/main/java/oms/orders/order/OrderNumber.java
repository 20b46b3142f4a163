package oms.orders.order;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Order numbers as people read them: ORD- and at least six digits. */
public final class OrderNumber {

    private static final Pattern FORMAT = Pattern.compile("^ORD-(\\d{1,18})$", Pattern.CASE_INSENSITIVE);

    private OrderNumber() {}

    public static String format(long sequence) {
        return "ORD-%06d".formatted(sequence);
    }

    public static OptionalLong parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        return m != null && m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
