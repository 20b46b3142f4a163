package oms.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    private final AtomicInteger parsed = new AtomicInteger();
    private final Function<ExecutionInput, PreparsedDocumentEntry> parse = input -> {
        parsed.incrementAndGet();
        return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
    };

    private PreparsedDocumentEntry get(DocumentCache cache, String query) {
        return cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), parse)
                .join();
    }

    @Test
    void a_document_sent_again_is_not_parsed_again() {
        DocumentCache cache = new DocumentCache(10_000);
        PreparsedDocumentEntry first = get(cache, "{ orders { id } }");
        assertThat(get(cache, "{ orders { id } }")).isSameAs(first);
        assertThat(parsed).hasValue(1);
        assertThat(cache.cached("{ orders { id } }")).isSameAs(first);
    }

    @Test
    void many_distinct_long_documents_never_hold_more_than_the_budget() {
        DocumentCache cache = new DocumentCache(50_000);
        String fields = " a: id".repeat(300);
        for (int i = 0; i < 500; i++) {
            get(cache, "query Q" + i + " { orders {" + fields + " } }");
            assertThat(cache.characters()).isLessThanOrEqualTo(50_000);
        }
        assertThat(parsed).hasValue(500);
        // still a cache: what it holds fills the budget (which documents stay is Caffeine's choice)
        assertThat(cache.characters()).isGreaterThan(40_000);
    }

    @Test
    void a_document_longer_than_the_whole_budget_is_parsed_but_not_kept() {
        DocumentCache cache = new DocumentCache(100);
        String query = "{ orders {" + " id".repeat(100) + " } }";
        get(cache, query);
        get(cache, query);
        assertThat(parsed).hasValue(2);
        assertThat(cache.characters()).isZero();
    }

    @Test
    void the_budget_must_be_positive() {
        assertThatThrownBy(() -> new DocumentCache(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oms.graphql.document-cache-characters must be positive, got 0");
    }
}
