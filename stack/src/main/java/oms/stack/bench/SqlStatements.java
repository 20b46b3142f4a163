package oms.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import oms.stack.GraphQlClient;
import oms.stack.OmsStack;

/** A subgraph's count of SQL statements sent so far: its {@code oms.sql.statements} meter (actuator). */
final class SqlStatements {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private SqlStatements() {}

    static long of(OmsStack stack, String subgraph) {
        URI uri = URI.create(stack.subgraphUrl(subgraph) + "/actuator/metrics/oms.sql.statements");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0; // no statement sent yet
            }
            return (long) GraphQlClient.json().readTree(response.body()).at("/measurements/0/value").asDouble();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
