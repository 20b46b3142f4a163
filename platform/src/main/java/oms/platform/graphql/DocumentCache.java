package oms.platform.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parses and validates each distinct document once: the router sends the same few operations again and
 * again, and parsing and validating them anew cost 9–13 % of a subgraph's CPU under the federated page.
 *
 * <p>Bounded by the documents' total length, not by their number: a parsed document takes about 20
 * bytes of heap per character of its text (a 2,000-token document, the router's limit, about 120 KB),
 * so a count alone would let a caller who sends hundreds of distinct long documents fill a small heap.
 * With the default budget of {@value #DEFAULT_MAX_CHARACTERS} characters the cache holds at most about
 * 20 MB, whatever is sent. Entries unused for {@link #IDLE} are dropped. Documents that failed validation
 * are kept too, so that sending the same invalid document again costs a look-up.
 */
public final class DocumentCache implements PreparsedDocumentProvider {

    public static final long DEFAULT_MAX_CHARACTERS = 1_000_000;
    static final Duration IDLE = Duration.ofHours(1);

    private final Cache<String, PreparsedDocumentEntry> documents;
    private final long maxCharacters;

    public DocumentCache(long maxCharacters) {
        if (maxCharacters <= 0) {
            throw new IllegalArgumentException(
                    "oms.graphql.document-cache-characters must be positive, got " + maxCharacters);
        }
        this.maxCharacters = maxCharacters;
        this.documents = Caffeine.newBuilder()
                .maximumWeight(maxCharacters)
                .weigher((String query, PreparsedDocumentEntry entry) -> query.length())
                .expireAfterAccess(IDLE)
                // evict on the caller's thread: the bound holds as soon as put returns
                .executor(Runnable::run)
                .build();
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        if (query.length() > maxCharacters) {
            return CompletableFuture.completedFuture(parseAndValidate.apply(input));
        }
        return CompletableFuture.completedFuture(documents.get(query, q -> parseAndValidate.apply(input)));
    }

    /** The characters of all documents held, never above the budget. */
    public long characters() {
        return documents.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** The entry held for this document text, or null. */
    public PreparsedDocumentEntry cached(String query) {
        return documents.getIfPresent(query);
    }
}
