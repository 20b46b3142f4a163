package oms.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscription over GraphQL over Server-Sent Events (distinct connection mode): a POST with
 * {@code Accept: text/event-stream}; each {@code next} event carries one result, {@code complete}
 * ends it. Closing the subscription closes the connection, which ends it on the server.
 */
public final class SseSubscription {

    private static final JsonMapper JSON = GraphQlClient.json();

    private SseSubscription() {}

    public static LiveSubscription open(URI endpoint, String bearer, String query, Map<String, ?> variables) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, Object> body = GraphQlRequests.body(query, variables, true);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        Holder holder = new Holder();
        LiveSubscription subscription = new LiveSubscription(holder);
        LiveSubscription.Listener listener = subscription.collector();
        Thread.ofVirtual().name("sse-subscription").start(() -> read(http, request.build(), holder, listener));
        return subscription;
    }

    private static void read(HttpClient http, HttpRequest request, Holder holder, LiveSubscription.Listener listener) {
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            holder.lines = response.body();
            if (response.statusCode() != 200) {
                String text = String.join("\n", response.body().toList());
                listener.error(JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("message", "HTTP " + response.statusCode() + ": " + text)));
                return;
            }
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (dispatch(event, data.toString(), listener)) {
                        return;
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            listener.complete();
        } catch (IOException | RuntimeException e) {
            listener.error(JSON.createArrayNode().add(JSON.createObjectNode().put("message", "Stream failed: " + e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands one event over; true when the stream is over. */
    private static boolean dispatch(String event, String data, LiveSubscription.Listener listener) {
        if ("complete".equals(event)) {
            listener.complete();
            return true;
        }
        if (data.isEmpty()) {
            return false; // keep-alive
        }
        JsonNode payload = JSON.readTree(data);
        listener.next(payload, data);
        return false;
    }

    private static final class Holder implements AutoCloseable {
        volatile Stream<String> lines;

        @Override
        public void close() {
            if (lines != null) {
                lines.close();
            }
        }
    }
}
