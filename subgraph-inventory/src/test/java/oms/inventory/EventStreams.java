package oms.inventory;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;

/**
 * The Redis streams as another service sees them: add entries the way its outbox relay would, and
 * read what this service published.
 */
public final class EventStreams implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public EventStreams(String redisUrl) {
        client = RedisClient.create(redisUrl);
        connection = client.connect();
    }

    /** Events travel through the outbox relay and a consumer: quick, but not synchronous. */
    public static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20));
    }

    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    /** Adds an entry with the fields every event has; answers its stream entry id. */
    public String send(String stream, UUID eventId, String type, Object key, String payload) {
        return redis().xadd(stream, Map.of("id", eventId.toString(), "type", type, "key", key.toString(),
                "payload", payload));
    }

    /** The entries about one aggregate, oldest first. */
    public List<StreamMessage<String, String>> entries(String stream, Object key) {
        return redis().xrange(stream, Range.create("-", "+")).stream()
                .filter(m -> key.toString().equals(m.getBody().get("key"))).toList();
    }

    public StreamMessage<String, String> awaitFirst(String stream, Object key) {
        return eventually().until(() -> entries(stream, key).stream().findFirst().orElse(null), m -> m != null);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
