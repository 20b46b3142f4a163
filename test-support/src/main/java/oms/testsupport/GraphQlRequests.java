package oms.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import oms.signature.RouterSignature;

/**
 * The body of a GraphQL request as the clients here send it. Where a router-signature secret is
 * configured ({@link RouterSignature#configuredSecret()}: tests, benchmarks, the launcher's seeding),
 * the request carries the router's signature, so it may go straight to a subgraph.
 */
public final class GraphQlRequests {

    private GraphQlRequests() {}

    public static Map<String, Object> body(String query, Map<String, ?> variables, boolean signed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        String secret = signed ? RouterSignature.configuredSecret() : null;
        if (secret != null && !secret.isBlank()) {
            body.put(
                    "extensions",
                    Map.of(RouterSignature.EXTENSION, new RouterSignature(secret).sign(query, variables)));
        }
        return body;
    }
}
