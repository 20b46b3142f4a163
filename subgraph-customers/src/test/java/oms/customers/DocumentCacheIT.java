package oms.customers;

import static org.assertj.core.api.Assertions.assertThat;

import oms.platform.graphql.DocumentCache;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * A document is parsed and validated once per distinct operation, not on every request: the platform's
 * length-bounded cache is the one in the GraphQL engine (DGS's own, bounded by count only, is switched
 * off by a camelCase key that a kebab-case one silently fails to match), and an operation sent twice is
 * looked up, not parsed again.
 */
class DocumentCacheIT extends SubgraphIT {

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    DocumentCache cache;

    @Test
    void an_operation_is_parsed_and_validated_once() {
        assertThat(graphQlSource.graphQl().getPreparsedDocumentProvider()).isSameAs(cache);

        String query = "query DocumentCacheProbe { customers(first: 1) { edges { node { id } } } }";
        assertThat(execute(query).has("errors")).isFalse();
        var entry = cache.cached(query);
        assertThat(entry).isNotNull();
        assertThat(execute(query).has("errors")).isFalse();
        assertThat(cache.cached(query)).isSameAs(entry);
    }
}
