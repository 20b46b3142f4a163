package oms.orders.placement;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Talks to the real Redis streams the way the other services do: publishes their events, reads ours. */
public final class SagaStreams implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> redis;

    public SagaStreams(String url) {
        client = RedisClient.create(url);
        redis = client.connect();
    }

    public void publish(String stream, String type, String key, String payload) {
        redis.sync().xadd(stream, Map.of("id", UUID.randomUUID().toString(), "type", type, "key", key, "payload", payload));
    }

    public void product(UUID id, String sku, String price, boolean active) {
        publish("catalog", "ProductUpserted", id.toString(), """
                {"productId":"%s","sku":"%s","name":"Test %s","price":"%s","currency":"EUR","active":%s}"""
                .formatted(id, sku, sku, price, active));
    }

    public void customer(UUID id, String status) {
        publish("customers", "CustomerUpserted", id.toString(), """
                {"customerId":"%s","status":"%s","subject":null}""".formatted(id, status));
    }

    /** A customer created by a signed-in user for themselves: linked to that account's subject. */
    public void linkedCustomer(UUID id, String subject) {
        publish("customers", "CustomerUpserted", id.toString(), """
                {"customerId":"%s","status":"ACTIVE","subject":"%s"}""".formatted(id, subject));
    }

    List<StreamMessage<String, String>> published(String stream, String type, String key) {
        return redis.sync().xrange(stream, Range.create("-", "+")).stream()
                .filter(m -> type.equals(m.getBody().get("type")) && key.equals(m.getBody().get("key"))).toList();
    }

    public static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
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

    @Override
    public void close() {
        redis.close();
        client.shutdown();
    }
}
