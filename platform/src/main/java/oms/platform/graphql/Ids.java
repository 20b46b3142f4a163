package oms.platform.graphql;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;

/** GraphQL {@code ID} values are UUIDs in this API. */
public final class Ids {

    private Ids() {}

    /** Parses an id argument; a malformed one is an {@code INVALID_ARGUMENT} on that field. */
    public static UUID parse(String value, String... field) {
        return tryParse(value)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.INVALID_ARGUMENT, List.of(field), "Not a valid id: " + abbreviate(value)));
    }

    public static Optional<UUID> tryParse(Object value) {
        if (value instanceof UUID uuid) {
            return Optional.of(uuid);
        }
        if (value instanceof String text && text.length() == 36) {
            try {
                return Optional.of(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String value) {
        return value == null ? "null" : value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
