package oms.stack.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import oms.testsupport.GraphQlClient;
import tools.jackson.databind.JsonNode;

/**
 * Watches accepted batches until none of their orders is PENDING any more (each is CONFIRMED or
 * REJECTED), the way a client would: through the router. A batch is the orders placed between the
 * moment its request was sent and the moment its answer came back; batches are sent one after the
 * other, so these windows do not overlap. One small request per poll asks, for every batch still
 * open, for at most one order of its window that is still PENDING.
 */
final class SettleWatch implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    // the router refuses more than 30 aliases in one request
    private static final int MAX_ALIASES_PER_POLL = 25;

    static final class Batch {
        final int number;
        final Instant sentAt;
        final Instant answeredAt;
        final long acceptedNanos;
        volatile long settledNanos;

        Batch(int number, Instant sentAt, Instant answeredAt, long acceptedNanos) {
            this.number = number;
            this.sentAt = sentAt;
            this.answeredAt = answeredAt;
            this.acceptedNanos = acceptedNanos;
        }

        boolean settled() {
            return settledNanos != 0;
        }

        Duration settledAfter() {
            return Duration.ofNanos(settledNanos - acceptedNanos);
        }
    }

    private final Supplier<GraphQlClient> client;
    private final List<Batch> open = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    SettleWatch(Supplier<GraphQlClient> client) {
        this.client = client;
        this.poller = Thread.ofPlatform().daemon().name("settle-watch").start(this::pollLoop);
    }

    Batch watch(int number, Instant sentAt, Instant answeredAt, long acceptedNanos) {
        Batch batch = new Batch(number, sentAt, answeredAt, acceptedNanos);
        open.add(batch);
        return batch;
    }

    /** Waits until every watched batch has settled; fails after {@code timeout}. */
    void awaitAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        open.size() + " batches still had PENDING orders after " + timeout.toSeconds() + " s");
            }
            sleep(10);
        }
    }

    private void pollLoop() {
        while (running) {
            List<Batch> batches = open.stream().limit(MAX_ALIASES_PER_POLL).toList();
            if (!batches.isEmpty()) {
                try {
                    poll(batches);
                } catch (RuntimeException e) {
                    failure = e;
                    return;
                }
            }
            sleep(POLL_INTERVAL.toMillis());
        }
    }

    private void poll(List<Batch> batches) {
        StringBuilder query = new StringBuilder("{");
        for (Batch b : batches) {
            query.append(" b")
                    .append(b.number)
                    .append(": orders(first: 1, filter: {status: [PENDING], placedFrom: \"")
                    .append(b.sentAt)
                    .append("\", placedTo: \"")
                    .append(b.answeredAt)
                    .append("\"}) { edges { node { id } } }");
        }
        JsonNode data =
                OrderBatches.data(client.get().execute(query.append(" }").toString()));
        long now = System.nanoTime();
        for (Batch b : batches) {
            if (data.at("/b" + b.number + "/edges").isEmpty()) {
                b.settledNanos = now;
                open.remove(b);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
