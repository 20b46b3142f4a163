package oms.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A GraphQL over WebSocket (graphql-transport-ws) client connection: connection_init with the token
 * in its payload, any number of subscriptions multiplexed on the one socket, pings answered. What the
 * system tests and the subscription benchmark use; any standard client (graphql-ws) works the same.
 */
public final class LiveConnection implements AutoCloseable {

    private static final JsonMapper JSON = GraphQlClient.json();
    /**
     * Shared and strongly held: a java.net.http client whose last reference is dropped stops its
     * selector thread, which silently stalls every WebSocket it opened.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final WebSocket socket;
    private final Map<String, LiveSubscription.Listener> listeners = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private LiveConnection(URI uri, String bearer) {
        this.socket = HTTP.newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Receiver())
                .join();
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("type", "connection_init");
        // always a payload: a server may read a missing one as "no connection_init yet"
        init.put("payload", bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer));
        send(init);
    }

    private static final java.util.concurrent.atomic.AtomicInteger INIT_RETRIES =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Opens a connection and waits for connection_ack. A server that closes a fresh connection with
     * 4408 (it did not see connection_init in time) is tried again, up to three times in all, as
     * graphql-ws clients do; any other refusal fails at once.
     */
    public static LiveConnection open(URI uri, String bearer) {
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(uri, bearer);
            } catch (IllegalStateException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("4408")) {
                    throw e;
                }
                INIT_RETRIES.incrementAndGet();
            }
        }
    }

    /** How many opens of this JVM were tried again after a 4408. */
    public static int initRetries() {
        return INIT_RETRIES.get();
    }

    private static LiveConnection openOnce(URI uri, String bearer) {
        LiveConnection connection = new LiveConnection(uri, bearer);
        try {
            CompletableFuture.anyOf(connection.acknowledged, connection.closed).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            connection.socket.abort();
            throw new IllegalStateException("No connection_ack from " + uri, e);
        }
        if (!connection.acknowledged.isDone()) {
            connection.socket.abort();
            throw new IllegalStateException("Connection refused: " + connection.closed.getNow("?"));
        }
        return connection;
    }

    /** Starts a subscription whose messages are collected in the returned handle. */
    public LiveSubscription subscribe(String query, Map<String, ?> variables) {
        LiveSubscription subscription = new LiveSubscription(this);
        subscription.id(subscribe(query, variables, subscription.collector()));
        return subscription;
    }

    /** Starts a subscription delivering to {@code listener} (on the socket's thread: keep it quick). */
    public String subscribe(String query, Map<String, ?> variables, LiveSubscription.Listener listener) {
        String id = Long.toString(ids.incrementAndGet());
        listeners.put(id, listener);
        send(Map.of("id", id, "type", "subscribe", "payload", GraphQlRequests.body(query, variables, true)));
        return id;
    }

    void complete(String id) {
        if (listeners.remove(id) != null && !socket.isOutputClosed()) {
            send(Map.of("id", id, "type", "complete"));
        }
    }

    /** The close code and reason once the server closed the socket. */
    public CompletableFuture<String> closedBy() {
        return closed;
    }

    /**
     * Queues a message: sends go out one after the other and never block the caller, which may be the
     * socket's own reading thread (answering a ping there must not wait for the socket).
     */
    private synchronized void send(Map<String, ?> message) {
        String text = JSON.writeValueAsString(message);
        sending = sending.exceptionally(e -> null).thenCompose(v -> socket.sendText(text, true));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            CompletableFuture<?> queued;
            synchronized (this) {
                queued = sending;
            }
            queued.exceptionally(e -> null)
                    .thenCompose(v -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        }
        socket.abort();
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            ws.request(1);
            return null;
        }

        private void dispatch(String text) {
            JsonNode message = JSON.readTree(text);
            String type = message.path("type").asString("");
            String id = message.path("id").asString(null);
            LiveSubscription.Listener listener = id == null ? null : listeners.get(id);
            switch (type) {
                case "connection_ack" -> acknowledged.complete(null);
                case "ping" -> send(Map.of("type", "pong"));
                case "next" -> {
                    if (listener != null) {
                        listener.next(message.path("payload"), text);
                    }
                }
                case "error" -> {
                    listeners.remove(id);
                    if (listener != null) {
                        listener.error(message.path("payload"));
                    }
                }
                case "complete" -> {
                    listeners.remove(id);
                    if (listener != null) {
                        listener.complete();
                    }
                }
                default -> {}
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            listeners
                    .values()
                    .forEach(l -> l.error(JSON.createArrayNode()
                            .add(JSON.createObjectNode()
                                    .put("message", "Connection closed: " + statusCode + " " + reason))));
            listeners.clear();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
            listeners
                    .values()
                    .forEach(l -> l.error(JSON.createArrayNode()
                            .add(JSON.createObjectNode().put("message", "Connection failed: " + error))));
            listeners.clear();
        }
    }
}
