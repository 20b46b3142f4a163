package oms.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * One subscription's received results ({@code {data, errors}} payloads) and its end: completed by
 * the server, or ended with errors (then {@link #errors()} holds them).
 */
public final class LiveSubscription implements AutoCloseable {

    /** What a transport hands over. {@code raw} is the message as received (for cheap parsing). */
    public interface Listener {
        void next(JsonNode payload, String raw);

        void error(JsonNode errors);

        void complete();
    }

    private static final JsonNode END = GraphQlClient.json().createObjectNode();

    private final AutoCloseable transport;
    private final BlockingQueue<JsonNode> results = new LinkedBlockingQueue<>();
    private volatile JsonNode errors;
    private volatile boolean ended;
    private String id;

    LiveSubscription(AutoCloseable transport) {
        this.transport = transport;
    }

    Listener collector() {
        return new Listener() {
            @Override
            public void next(JsonNode payload, String raw) {
                if (payload.has("errors") && noData(payload.path("data"))) {
                    error(payload.path("errors")); // errors and no event: the subscription failed
                } else {
                    results.add(payload);
                }
            }

            @Override
            public void error(JsonNode e) {
                errors = e;
                ended = true;
                results.add(END);
            }

            @Override
            public void complete() {
                ended = true;
                results.add(END);
            }
        };
    }

    private static boolean noData(JsonNode data) {
        if (data.isMissingNode() || data.isNull()) {
            return true;
        }
        for (JsonNode field : data.values()) {
            if (!field.isNull()) {
                return false;
            }
        }
        return true;
    }

    void id(String id) {
        this.id = id;
    }

    /** The next result, or null if none arrives in time or the subscription ended. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode result = results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result == END) {
                results.add(END);
                return null;
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Results until {@code done} holds for the list received so far, or the time is up. */
    public List<JsonNode> until(Predicate<List<JsonNode>> done, Duration timeout) {
        List<JsonNode> received = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(received) && System.nanoTime() < deadline) {
            JsonNode next = next(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (next == null) {
                break;
            }
            received.add(next);
        }
        return received;
    }

    /** Waits until the server ends the subscription; true if it did within the time. */
    public boolean awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            next(Duration.ofMillis(50));
        }
        return ended;
    }

    public boolean ended() {
        return ended;
    }

    /** The errors it ended with (null while open or when it completed normally). */
    public JsonNode errors() {
        return errors;
    }

    @Override
    public void close() {
        try {
            if (transport instanceof LiveConnection connection && id != null) {
                connection.complete(id);
            } else if (!(transport instanceof LiveConnection)) {
                transport.close();
            }
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
