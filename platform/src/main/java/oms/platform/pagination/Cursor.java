package oms.platform.pagination;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;

/**
 * Opaque keyset cursors: the sort key of the last row seen, base64url-encoded. Clients must treat
 * them as opaque; anything this API did not issue is refused with {@code INVALID_CURSOR}.
 */
public final class Cursor {

    private static final String PREFIX = "c1";
    private static final char SEPARATOR = '\u001f';

    private Cursor() {}

    public static String encode(String... parts) {
        String raw = PREFIX + SEPARATOR + String.join(String.valueOf(SEPARATOR), parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor into exactly {@code parts} values. */
    public static List<String> decode(String cursor, int parts) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        List<String> values = List.of(raw.split(String.valueOf(SEPARATOR), -1));
        if (values.size() != parts + 1 || !PREFIX.equals(values.get(0))) {
            throw invalid();
        }
        return values.subList(1, values.size());
    }

    public static DomainException invalid() {
        return new DomainException(ErrorCode.INVALID_CURSOR, List.of("after"), "The cursor is not valid for this list");
    }
}
