package oms.platform.test;

import com.netflix.graphql.dgs.client.codegen.BaseProjectionNode;
import com.netflix.graphql.dgs.client.codegen.GraphQLQuery;
import com.netflix.graphql.dgs.client.codegen.GraphQLQueryRequest;
import java.util.Map;
import java.util.UUID;
import oms.platform.sql.RequestStatements;
import oms.testsupport.GraphQlClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * A subgraph started whole on a random port against its own fresh database on a real PostgreSQL
 * server; tests talk to it over HTTP as the router does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public abstract class SubgraphIT {

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    private RequestStatements requestStatements;

    /** As an administrator, who may do everything: for tests of behaviour rather than access. */
    protected GraphQlClient graphql() {
        return anonymous().withBearer(TestTokens.admin());
    }

    protected GraphQlClient anonymous() {
        return new GraphQlClient("http://localhost:" + port + "/graphql");
    }

    protected GraphQlClient as(String token) {
        return anonymous().withBearer(token);
    }

    protected JsonNode execute(String query, Map<String, ?> variables) {
        return graphql().execute(query, variables);
    }

    protected JsonNode execute(String query) {
        return graphql().execute(query);
    }

    protected JsonNode execute(GraphQLQuery query, BaseProjectionNode projection) {
        return graphql().execute(new GraphQLQueryRequest(query, projection).serialize());
    }

    /** {@code _entities} exactly as the router sends it. */
    protected JsonNode entities(String typename, String selection, Map<String, ?>... representations) {
        return execute(
                "query($r: [_Any!]!) { _entities(representations: $r) { ... on " + typename + " { " + selection
                        + " } } }",
                Map.of("r", java.util.List.of(representations)));
    }

    /**
     * Runs a query as an administrator under a fresh request id and answers its result with the SQL
     * statements that this request alone cost (background work of the service does not count).
     */
    protected Measured measured(String query, Map<String, ?> variables) {
        String requestId = UUID.randomUUID().toString();
        JsonNode result =
                graphql().withHeader(RequestStatements.HEADER, requestId).execute(query, variables);
        return new Measured(result, requestStatements.statements(requestId).orElse(0L));
    }

    protected record Measured(JsonNode result, long statements) {}
}
