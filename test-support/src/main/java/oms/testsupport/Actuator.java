package oms.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Reads a service's meters from its actuator ({@code /actuator/metrics/<name>}) and the SQL statements
 * of one request ({@code /actuator/sqlstatements/<request id>}).
 */
public final class Actuator {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Actuator() {}

    /** One statistic of a meter (VALUE, COUNT, TOTAL_TIME, MAX, ...); 0 if the meter has not been used yet. */
    public static double statistic(String serviceUrl, String meter, String statistic) {
        for (JsonNode m : measurements(serviceUrl, meter)) {
            if (m.path("statistic").asString().equals(statistic)) {
                return m.path("value").asDouble();
            }
        }
        return 0;
    }

    /** The first statistic of a meter: the count of a counter, the value of a gauge; 0 if not used yet. */
    public static double value(String serviceUrl, String meter) {
        return measurements(serviceUrl, meter).path(0).path("value").asDouble(0);
    }

    /**
     * How many SQL statements the request with this {@code x-request-id} cost the service, and only
     * that request (not the service's background work); 0 if the request never reached the service.
     */
    public static long requestStatements(String serviceUrl, String requestId) {
        JsonNode answer = get(serviceUrl + "/actuator/sqlstatements/" + requestId);
        return answer == null ? 0 : answer.path("statements").asLong();
    }

    private static JsonNode measurements(String serviceUrl, String meter) {
        JsonNode answer = get(serviceUrl + "/actuator/metrics/" + meter); // a meter appears with its first use
        return answer == null ? GraphQlClient.json().createArrayNode() : answer.path("measurements");
    }

    /** The JSON an actuator endpoint answers, null if it answers 404. */
    private static JsonNode get(String url) {
        URI uri = URI.create(url);
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            return GraphQlClient.json().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
