package oms.platform.pagination;

import java.util.List;
import java.util.Optional;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;

/**
 * A validated Relay page request. The repository fetches {@link #limitPlusOne()} rows to learn
 * whether a next page exists without a second query.
 */
public record PageRequest(int first, Optional<String> after) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    public static PageRequest of(Integer first, String after) {
        int size = first == null ? DEFAULT_PAGE_SIZE : first;
        if (size < 0 || size > MAX_PAGE_SIZE) {
            throw new DomainException(
                    ErrorCode.PAGE_SIZE_OUT_OF_RANGE,
                    List.of("first"),
                    "first must be between 0 and " + MAX_PAGE_SIZE + ", was " + size);
        }
        return new PageRequest(size, Optional.ofNullable(after).filter(a -> !a.isEmpty()));
    }

    public int limitPlusOne() {
        return first + 1;
    }
}
