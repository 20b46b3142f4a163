package oms.shipping.shipment;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Redis streams around shipping as the orders service sees them: it writes {@code orders}, reads {@code shipping}. */
final class EventStreams implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> redis;

    EventStreams(String redisUrl) {
        client = RedisClient.create(redisUrl);
        redis = client.connect();
    }

    void confirm(UUID eventId, UUID order, UUID customer) {
        add("orders", eventId, "OrderConfirmed", order, "{\"orderId\":\"" + order + "\",\"customerId\":\"" + customer + "\"}");
    }

    void cancel(UUID order) {
        add("orders", UUID.randomUUID(), "OrderCancelled", order,
                "{\"orderId\":\"" + order + "\",\"customerId\":\"" + UUID.randomUUID() + "\",\"previousStatus\":\"CONFIRMED\"}");
    }

    /** An entry with the contract's fields (docs/events.md). */
    void add(String stream, UUID eventId, String type, UUID key, String payload) {
        redis.sync().xadd(stream, Map.of("id", eventId.toString(), "type", type, "key", key.toString(), "payload", payload));
    }

    /** What shipping published about an order, oldest first. */
    List<StreamMessage<String, String>> published(UUID order) {
        return redis.sync().xrange("shipping", Range.create("-", "+")).stream()
                .filter(m -> order.toString().equals(m.getBody().get("key"))).toList();
    }

    @Override
    public void close() {
        redis.close();
        client.shutdown();
    }
}
