package oms.platform.test;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real Redis streams as another service sees them: add entries with the contract's fields
 * (docs/events.md) the way its outbox relay would, and read what the service under test published.
 * Each subgraph's tests extend it with the events they need.
 */
public class TestStreams implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public TestStreams(String redisUrl) {
        client = RedisClient.create(redisUrl);
        connection = client.connect();
    }

    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    /** Adds an entry; answers its stream entry id. */
    public String send(String stream, UUID eventId, String type, Object key, String payload) {
        return redis().xadd(
                        stream,
                        Map.of("id", eventId.toString(), "type", type, "key", key.toString(), "payload", payload));
    }

    /** Adds an entry with a fresh event id. */
    public String publish(String stream, String type, Object key, String payload) {
        return send(stream, UUID.randomUUID(), type, key, payload);
    }

    /** The entries about one aggregate, oldest first. */
    public List<StreamMessage<String, String>> entries(String stream, Object key) {
        return redis().xrange(stream, Range.create("-", "+")).stream()
                .filter(m -> key.toString().equals(m.getBody().get("key")))
                .toList();
    }

    /** The entries of one type about one aggregate, oldest first. */
    public List<StreamMessage<String, String>> entries(String stream, String type, Object key) {
        return entries(stream, key).stream()
                .filter(m -> type.equals(m.getBody().get("type")))
                .toList();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
