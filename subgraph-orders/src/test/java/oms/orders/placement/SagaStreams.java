package oms.orders.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import oms.platform.test.TestStreams;

/** The streams around orders as the other services see them: their replica events, and ours to read. */
public final class SagaStreams extends TestStreams {

    public SagaStreams(String url) {
        super(url);
    }

    public void product(UUID id, String sku, String price, boolean active) {
        publish("catalog", "ProductUpserted", id, """
                {"productId":"%s","sku":"%s","name":"Test %s","price":"%s","currency":"EUR","active":%s}""".formatted(id, sku, sku, price, active));
    }

    public void customer(UUID id, String status) {
        publish("customers", "CustomerUpserted", id, """
                {"customerId":"%s","status":"%s","subject":null}""".formatted(id, status));
    }

    /** A customer created by a signed-in user for themselves: linked to that account's subject. */
    public void linkedCustomer(UUID id, String subject) {
        publish("customers", "CustomerUpserted", id, """
                {"customerId":"%s","status":"ACTIVE","subject":"%s"}""".formatted(id, subject));
    }

    /** Waits for an asynchronous step; generous, so that a slow machine only makes a test take longer. */
    public static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
