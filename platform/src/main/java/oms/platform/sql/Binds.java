package oms.platform.sql;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers for binding values that may be absent. */
public final class Binds {

    private Binds() {}

    public static <T> GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** An ILIKE pattern matching {@code text} anywhere, literally: % and _ typed by a user are not wildcards. */
    public static String containing(String text) {
        return "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
