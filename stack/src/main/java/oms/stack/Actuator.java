package oms.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Reads a service's meters from its actuator ({@code /actuator/metrics/<name>}). */
public final class Actuator {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

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

    private static JsonNode measurements(String serviceUrl, String meter) {
        URI uri = URI.create(serviceUrl + "/actuator/metrics/" + meter);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 404 // a meter appears with its first use
                    ? GraphQlClient.json().createArrayNode()
                    : GraphQlClient.json().readTree(response.body()).path("measurements");
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
