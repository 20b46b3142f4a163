package oms.inventory;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.StreamMessage;
import java.time.Duration;
import oms.platform.test.TestStreams;
import org.awaitility.core.ConditionFactory;

/**
 * The Redis streams around inventory (see {@link TestStreams}), with waiting for what it publishes.
 */
public final class EventStreams extends TestStreams {

    public EventStreams(String redisUrl) {
        super(redisUrl);
    }

    /** Events travel through the outbox relay and a consumer: quick, but not synchronous. */
    public static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20));
    }

    public StreamMessage<String, String> awaitFirst(String stream, Object key) {
        return eventually()
                .until(() -> entries(stream, key).stream().findFirst().orElse(null), m -> m != null);
    }
}
