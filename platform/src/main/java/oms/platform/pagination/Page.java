package oms.platform.pagination;

import java.util.List;
import java.util.function.Function;

/** One page of a keyset-paginated list, with the cursor of each item. */
public record Page<T>(List<T> items, boolean hasNextPage, Function<T, String> cursorOf) {

    /** Builds a page from rows fetched with {@link PageRequest#limitPlusOne()}. */
    public static <T> Page<T> fromRows(List<T> rows, PageRequest request, Function<T, String> cursorOf) {
        boolean more = rows.size() > request.first();
        List<T> items = more ? rows.subList(0, request.first()) : rows;
        return new Page<>(List.copyOf(items), more, cursorOf);
    }

    public PageInfo pageInfo() {
        return new PageInfo(hasNextPage, items.isEmpty() ? null : cursorOf.apply(items.getLast()));
    }

    public <R> List<R> edges(EdgeFactory<T, R> factory) {
        return items.stream()
                .map(item -> factory.edge(cursorOf.apply(item), item))
                .toList();
    }

    @FunctionalInterface
    public interface EdgeFactory<T, R> {
        R edge(String cursor, T node);
    }
}
