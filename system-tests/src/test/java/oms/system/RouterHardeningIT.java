package oms.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The router's own defences (router-config/gateway.config.mjs): operation limits, request size,
 * CSRF, introspection, IDE and suggestions off in production, and JWT validation before any
 * subgraph is called. Every refusal is a GraphQL error with a stable extensions.code.
 *
 * <p>The limits follow the router's environment (OMS_MAX_*; the router inherits this JVM's
 * environment), so the tests read the same variables with the same defaults.
 */
class RouterHardeningIT {

    private static final int MAX_DEPTH = envInt("OMS_MAX_DEPTH", 12);
    private static final int MAX_ALIASES = envInt("OMS_MAX_ALIASES", 30);
    private static final int MAX_TOKENS = envInt("OMS_MAX_TOKENS", 2000);
    private static final int MAX_REQUEST_BYTES = envInt("OMS_MAX_REQUEST_BYTES", 1024 * 1024);
    private static final String CATALOGUE = "{ products(first: 5) { edges { node { sku name } } } }";

    private final GraphQlClient router = RunningStack.router();
    // HTTP/1.1: an h2c upgrade request makes the Node router hold the connection
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void anonymous_callers_browse_the_catalogue() {
        GraphQlClient.Response response = post(CATALOGUE);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().has("errors")).as(response.body().toString()).isFalse();
        assertThat(response.body().at("/data/products/edges")).isNotEmpty();
        assertThat(response.body().at("/data/products/edges/0/node/sku").asString())
                .isNotBlank();
    }

    @Test
    void a_query_deeper_than_the_limit_is_refused() {
        assertNotRefusedFor(post(nested(MAX_DEPTH)), "DEPTH_LIMIT_EXCEEDED");
        assertRefused(post(nested(MAX_DEPTH + 1)), 400, "DEPTH_LIMIT_EXCEEDED");
    }

    @Test
    void too_many_aliases_are_refused() {
        assertNotRefusedFor(post(aliased(MAX_ALIASES)), "TOO_MANY_ALIASES");
        assertRefused(post(aliased(MAX_ALIASES + 1)), 400, "TOO_MANY_ALIASES");
    }

    @Test
    void too_many_tokens_are_refused() {
        // "{", the fields and "}": exactly MAX_TOKENS tokens, then one more
        assertNotRefusedFor(post("{ " + "__typename ".repeat(MAX_TOKENS - 2) + "}"), "TOKEN_LIMIT_EXCEEDED");
        assertRefused(post("{ " + "__typename ".repeat(MAX_TOKENS - 1) + "}"), 400, "TOKEN_LIMIT_EXCEEDED");
    }

    @Test
    void a_body_larger_than_the_limit_is_refused_with_413() {
        String padding = "x".repeat(MAX_REQUEST_BYTES + 1024);
        String body = GraphQlClient.json()
                .writeValueAsString(Map.of("query", "{ __typename }", "variables", Map.of("padding", padding)));
        assertRefused(router.send(body), 413, "REQUEST_TOO_LARGE");
        // and the router still answers on the same kind of connection afterwards
        assertThat(post("{ __typename }").status()).isEqualTo(200);
    }

    @Test
    void simple_cross_site_requests_are_refused_unless_preflighted() throws Exception {
        String json = "{\"query\":\"{ __typename }\"}";
        HttpResponse<String> textPlain = http.send(
                request(router.endpoint())
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(textPlain, 403, "CSRF_BLOCKED");

        HttpResponse<String> form = http.send(
                request(router.endpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("query=" + urlEncode("{ __typename }")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(form, 403, "CSRF_BLOCKED");

        URI get = URI.create(router.endpoint() + "?query=" + urlEncode("{ __typename }"));
        assertRefused(http.send(request(get).GET().build(), HttpResponse.BodyHandlers.ofString()), 403, "CSRF_BLOCKED");

        HttpResponse<String> preflighted = http.send(
                request(get).header("x-graphql-client-name", "crm").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflighted.statusCode()).as(preflighted.body()).isEqualTo(200);
        assertThat(json(preflighted).at("/data/__typename").asString()).isEqualTo("Query");

        GraphQlClient.Response normal = post("{ __typename }");
        assertThat(normal.status()).isEqualTo(200);
        assertThat(normal.body().at("/data/__typename").asString()).isEqualTo("Query");
    }

    @Test
    void an_operation_above_the_cost_ceiling_is_refused_and_answers_report_their_cost() {
        assertRefused(
                router.withBearer(RunningStack.token("sam"))
                        .send(
                                body(
                                        "{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { lines { product { name } } } } } } } } }")),
                400,
                "QUERY_TOO_COSTLY");
        JsonNode answered = router.withBearer(RunningStack.token("sam"))
                .execute("{ orders(first: 3) { edges { node { number customer { name } } } } }");
        assertThat(answered.at("/extensions/cost/requestedQueryCost").asInt()).isEqualTo(1 + 3 * (1 + 1 + 1));
        assertThat(answered.at("/extensions/cost/actualQueryCost").asInt()).isBetween(1, 10);
        assertThat(answered.at("/extensions/cost/throttleStatus/maximumAvailable")
                        .asInt())
                .isEqualTo(200_000);
    }

    @Test
    void introspection_is_refused_in_production() {
        assertRefused(post("{ __schema { queryType { name } } }"), 400, "INTROSPECTION_DISABLED");
        assertRefused(post("{ __type(name: \"Order\") { name fields { name } } }"), 400, "INTROSPECTION_DISABLED");
        assertThat(post("{ __typename }").body().at("/data/__typename").asString())
                .isEqualTo("Query");
    }

    @Test
    void the_graphql_ide_is_not_served_in_production() throws Exception {
        for (String accept : List.of("text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")) {
            HttpResponse<String> page = http.send(
                    request(router.endpoint()).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(accept).isNotEqualTo(200);
            assertThat(page.headers().firstValue("content-type").orElse(""))
                    .as(accept)
                    .doesNotContain("text/html");
            assertThat(page.body())
                    .as(accept)
                    .doesNotContainIgnoringCase("<html")
                    .doesNotContainIgnoringCase("graphiql");
        }
    }

    @Test
    void validation_errors_do_not_suggest_schema_names() {
        for (String query : List.of(
                "{ prodcts(first: 1) { edges { cursor } } }",
                "{ products(frist: 1) { edges { cursor } } }",
                "{ orders(first: 1, filter: {status: [DELIVERD]}) { edges { cursor } } }")) {
            GraphQlClient.Response response = post(query);
            assertThat(code(response.body())).as(query).isEqualTo("GRAPHQL_VALIDATION_FAILED");
            assertThat(response.body().toString()).as(query).doesNotContain("Did you mean");
        }
        JsonNode variable = router.execute(
                "query($s: [OrderStatus!]) { orders(first: 1, filter: {status: $s}) { edges { cursor } } }",
                Map.of("s", List.of("DELIVERD")));
        assertThat(code(variable)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(variable.toString()).doesNotContain("Did you mean").doesNotContain("DELIVERED");
    }

    @Test
    void errors_do_not_leak_internals() {
        GraphQlClient.Response invalidJson = router.send("{\"query\": ");
        assertThat(invalidJson.status()).isEqualTo(400);
        for (GraphQlClient.Response response : List.of(
                invalidJson,
                post("{ orders { nope } }"),
                post("{ customer(id: \"00000000-0000-0000-0000-000000000000\") { name } }"))) {
            String text = response.body().toString();
            assertThat(text)
                    .doesNotContain("serviceName")
                    .doesNotContain("127.0.0.1")
                    .doesNotContain("localhost")
                    .doesNotContain("stack")
                    .doesNotContain("Exception")
                    .doesNotContain("originalError");
            response.body()
                    .at("/errors")
                    .forEach(error -> assertThat(error.at("/extensions/code").asString())
                            .as(text)
                            .isNotBlank());
        }
    }

    // --- JWT: the router refuses what it cannot verify, before any subgraph is called -----------

    @Test
    void a_garbage_bearer_token_is_refused_by_the_router() {
        assertRefused(router.withBearer("not-a-jwt").send(body(CATALOGUE)), 401, "UNAUTHENTICATED");
        assertRefused(router.withBearer("a.b.c").send(body(CATALOGUE)), 401, "UNAUTHENTICATED");
        assertRefused(
                router.withHeader("Authorization", "Basic dXNlcjpwYXNz").send(body(CATALOGUE)), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_token_signed_by_an_unknown_key_is_refused() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair stranger = generator.generateKeyPair();
        for (String kid : new String[] {"unknown-key", null}) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            if (kid != null) {
                header.put("kid", kid);
            }
            String signingInput = base64Json(header) + "." + base64Json(claims());
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(stranger.getPrivate());
            rsa.update(signingInput.getBytes(UTF_8));
            String token =
                    signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
            assertRefused(router.withBearer(token).send(body(CATALOGUE)), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() {
        String token = base64Json(Map.of("alg", "none", "typ", "JWT")) + "." + base64Json(claims()) + ".";
        assertRefused(router.withBearer(token).send(body(CATALOGUE)), 401, "UNAUTHENTICATED");
    }

    /** Claims that would be acceptable but for the signature: the router's issuer and audience, not expired. */
    private static Map<String, Object> claims() {
        long now = Instant.now().getEpochSecond();
        String audience = oms.stack.DemoRealm.API_AUDIENCE;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", RunningStack.get().issuer());
        claims.put("aud", audience);
        claims.put("sub", "00000000-0000-0000-0000-000000000001");
        claims.put("preferred_username", "mallory");
        claims.put("realm_access", Map.of("roles", List.of("admin")));
        claims.put("iat", now);
        claims.put("exp", now + 300);
        return claims;
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A valid query exactly {@code levels} fields deep: orders → edges → node → customer → orders … */
    private static String nested(int levels) {
        String[] path = {"orders(first: 1)", "edges", "node", "customer"};
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < levels - 1; i++) {
            query.append(path[i % path.length]).append(" { ");
        }
        query.append("__typename");
        query.append(" }".repeat(levels));
        return query.toString();
    }

    private static String aliased(int aliases) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < aliases; i++) {
            fields.add("p" + i + ": products(first: 1) { pageInfo { hasNextPage } }");
        }
        return "{ " + String.join(" ", fields) + " }";
    }

    private GraphQlClient.Response post(String query) {
        return router.send(body(query));
    }

    private static String body(String query) {
        return GraphQlClient.json().writeValueAsString(Map.of("query", query));
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    }

    private static void assertRefused(GraphQlClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
        assertThat(code(response.body())).as(response.body().toString()).isEqualTo(code);
        assertThat(response.body().has("data") && !response.body().get("data").isNull())
                .as("no data: nothing was executed")
                .isFalse();
    }

    /** At the limit: not refused for it (other errors, e.g. authorization of deep order data, may occur). */
    private static void assertNotRefusedFor(GraphQlClient.Response response, String code) {
        assertThat(response.status()).as(response.body().toString()).isNotIn(400, 413);
        response.body()
                .at("/errors")
                .forEach(error -> assertThat(error.at("/extensions/code").asString())
                        .as(response.body().toString())
                        .isNotEqualTo(code));
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code) {
        assertRefused(new GraphQlClient.Response(response.statusCode(), json(response)), status, code);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return GraphQlClient.json().readTree(response.body());
        } catch (RuntimeException e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static String code(JsonNode body) {
        return body.at("/errors/0/extensions/code").asString();
    }

    private static String base64Json(Object value) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(GraphQlClient.json().writeValueAsString(value).getBytes(UTF_8));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }

    private static int envInt(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
