package oms.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP GraphQL client: what tests, the launcher's seeding and the benchmarks speak. */
public final class GraphQlClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // HTTP/1.1: an h2c upgrade request makes some servers (the Node router) hold the connection
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI endpoint;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean signed = true;

    public GraphQlClient(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    public GraphQlClient withHeader(String name, String value) {
        GraphQlClient copy = copy();
        copy.headers.put(name, value);
        return copy;
    }

    /** A client that never adds the router's signature: what a caller going around the router sends. */
    public GraphQlClient unsigned() {
        GraphQlClient copy = copy();
        copy.signed = false;
        return copy;
    }

    private GraphQlClient copy() {
        GraphQlClient copy = new GraphQlClient(endpoint.toString());
        copy.headers.putAll(headers);
        copy.signed = signed;
        return copy;
    }

    public GraphQlClient withBearer(String token) {
        return withHeader("Authorization", "Bearer " + token);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Posts a query and returns the whole response body ({@code data}, {@code errors}). */
    public JsonNode execute(String query, Map<String, ?> variables) {
        return send(JSON.writeValueAsString(GraphQlRequests.body(query, variables, signed)))
                .body();
    }

    public JsonNode execute(String query) {
        return execute(query, Map.of());
    }

    /** Posts a raw body; for tests of malformed requests. */
    public Response send(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    public static JsonMapper json() {
        return JSON;
    }

    public record Response(int status, JsonNode body) {}
}
