package oms.platform.test;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import oms.platform.events.EventPacks;
import oms.platform.events.OutboundEvent;

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

    /**
     * Adds a pack (docs/events.md): several events of one type as one entry, the way a relay
     * publishes a batch's events; each payload goes in as the JSON it is. Answers the entry's id.
     */
    public String sendPack(String stream, String type, List<PackedEvent> events) {
        String payload = EventPacks.payload(events.stream()
                .map(e -> new OutboundEvent(e.id(), stream, type, e.key().toString(), e.payload()))
                .toList());
        return redis().xadd(
                        stream,
                        Map.of(
                                "id",
                                UUID.randomUUID().toString(),
                                "type",
                                type,
                                "key",
                                events.getFirst().key().toString(),
                                "payload",
                                payload,
                                EventPacks.COUNT_FIELD,
                                Integer.toString(events.size())));
    }

    /** One event of a pack. */
    public record PackedEvent(UUID id, Object key, String payload) {}

    /** Adds an entry with a fresh event id. */
    public String publish(String stream, String type, Object key, String payload) {
        return send(stream, UUID.randomUUID(), type, key, payload);
    }

    /**
     * The events about one aggregate, oldest first, as entries of their own: a pack's events
     * (docs/events.md) each become one with the pack's message id.
     */
    public List<StreamMessage<String, String>> entries(String stream, Object key) {
        return redis().xrange(stream, Range.create("-", "+")).stream()
                .flatMap(TestStreams::unpacked)
                .filter(m -> key.toString().equals(m.getBody().get("key")))
                .toList();
    }

    private static Stream<StreamMessage<String, String>> unpacked(StreamMessage<String, String> m) {
        if (m.getBody().get(EventPacks.COUNT_FIELD) == null) {
            return Stream.of(m);
        }
        return EventPacks.unpack(
                        m.getStream(),
                        m.getId(),
                        m.getBody().get("type"),
                        m.getBody().get("payload"),
                        m.getBody().get("traceparent"))
                .stream()
                .map(e -> {
                    Map<String, String> body = new HashMap<>();
                    body.put("id", String.valueOf(e.id()));
                    body.put("type", e.type());
                    body.put("key", e.key());
                    body.put("payload", e.payload());
                    return new StreamMessage<>(m.getStream(), m.getId(), body);
                });
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
