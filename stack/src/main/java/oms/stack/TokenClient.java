package oms.stack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import oms.testsupport.GraphQlClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Gets access tokens from Keycloak with the OAuth2 password grant. That grant exists in the demo realm
 * for local use and tests only; real front ends use the authorization code flow with PKCE.
 */
public final class TokenClient {

    // HTTP/1.1 and 127.0.0.1, as everywhere in the stack: no h2c upgrade, no IPv6-first surprises
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String keycloakUrl;

    /** @param keycloakUrl where Keycloak answers, e.g. {@code http://127.0.0.1:8180} */
    public TokenClient(String keycloakUrl) {
        this.keycloakUrl = keycloakUrl.replaceAll("/+$", "");
    }

    /** A token response: the access token and how many seconds it lives. */
    public record Token(String accessToken, long expiresInSeconds) {}

    /** The access token of a user, or {@link LoginRefused} with Keycloak's reason. */
    public String accessToken(String realm, String clientId, String username, String password) {
        return passwordGrant(realm, clientId, username, password).accessToken();
    }

    public Token passwordGrant(String realm, String clientId, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
        JsonNode body = lenientJson(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new LoginRefused("Keycloak refused the login of '%s' (realm %s, client %s): HTTP %d %s%s"
                    .formatted(
                            username,
                            realm,
                            clientId,
                            response.statusCode(),
                            body.path("error").asString(""),
                            body.hasNonNull("error_description")
                                    ? " (" + body.get("error_description").asString() + ")"
                                    : ""));
        }
        return new Token(
                body.get("access_token").asString(), body.path("expires_in").asLong(0));
    }

    /** The claims of a JWT, decoded but NOT verified: for tests and tools, never for access decisions. */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a JWT (expected three dot-separated parts)");
        }
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException(
                    "Keycloak does not answer at " + keycloakUrl + ": is the stack running (./oms up)?", e);
        } catch (IOException e) {
            throw new IllegalStateException(uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode json(String text) {
        return GraphQlClient.json().readTree(text);
    }

    /** An error page that is not JSON (a proxy, a wrong port) reads as an empty object. */
    static JsonNode lenientJson(String text) {
        try {
            return text == null || text.isBlank() ? GraphQlClient.json().createObjectNode() : json(text);
        } catch (JacksonException e) {
            return GraphQlClient.json().createObjectNode();
        }
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Keycloak answered, and said no (wrong password, unknown user, client not allowed, ...). */
    public static final class LoginRefused extends IllegalStateException {
        LoginRefused(String message) {
            super(message);
        }
    }
}
