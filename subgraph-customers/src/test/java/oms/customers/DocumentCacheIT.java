package oms.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.graphql.dgs.DgsDefaultPreparsedDocumentProvider;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * A document is parsed and validated once per distinct operation, not on every request: the DGS cache
 * is wired into the GraphQL engine (its switch is a camelCase key that a kebab-case one silently
 * fails to turn on), and an operation sent twice is looked up, not parsed again.
 */
class DocumentCacheIT extends SubgraphIT {

    @Autowired
    GraphQlSource graphQlSource;

    @Test
    void an_operation_is_parsed_and_validated_once() {
        var provider = graphQlSource.graphQl().getPreparsedDocumentProvider();
        assertThat(provider).isInstanceOf(DgsDefaultPreparsedDocumentProvider.class);
        var cache = ((DgsDefaultPreparsedDocumentProvider) provider).getCache();

        String query = "query DocumentCacheProbe { customers(first: 1) { edges { node { id } } } }";
        assertThat(execute(query).has("errors")).isFalse();
        var entry = cache.getIfPresent(query);
        assertThat(entry).isNotNull();
        assertThat(execute(query).has("errors")).isFalse();
        assertThat(cache.getIfPresent(query)).isSameAs(entry);
        assertThat(cache.policy().eviction().orElseThrow().getMaximum()).isEqualTo(500);
    }
}
