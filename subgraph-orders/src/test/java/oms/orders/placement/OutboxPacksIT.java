package oms.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import oms.platform.events.OutboxRelay;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A batch's events go out in packs (docs/events.md), and a backlog of packs is relayed in claims of
 * about 1,000 events, not 1,000 rows of 100 events each.
 */
class OutboxPacksIT extends SubgraphIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    OutboxRelay relay;

    @Value("${oms.redis-url}")
    String redisUrl;

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private void run(String sql) {
        db.sql(sql).fetch().rowsUpdated().block();
    }

    @Test
    void a_backlog_of_packs_is_claimed_about_a_thousand_events_at_a_time_oldest_first() {
        String stream = "relay-test-" + UUID.randomUUID();
        // the service's own relay pauses, so this test's calls are the only claims
        relay.stop();
        try {
            while (relay.relayOnce() > 0) {
                // what others left unpublished goes first
            }
            String pack = IntStream.range(0, 100)
                    .mapToObj(i -> "{\"id\":\"" + UUID.randomUUID() + "\",\"key\":\"k" + i + "\",\"payload\":{}}")
                    .collect(Collectors.joining(",", "[", "]"));
            for (int i = 0; i < 3; i++) {
                run("INSERT INTO outbox (event_id, stream, type, key, payload) VALUES ('" + UUID.randomUUID() + "', '"
                        + stream + "', 'Single', 's" + i + "', '{}')");
            }
            for (int i = 0; i < 25; i++) {
                run("INSERT INTO outbox (event_id, stream, type, key, payload, events) VALUES ('" + UUID.randomUUID()
                        + "', '" + stream + "', 'Packed', 'p" + i + "', '" + pack + "', 100)");
            }
            String unpublished = "SELECT count(*) FROM outbox WHERE published_at IS NULL AND stream = '" + stream + "'";

            // rows that start within the first 1,000 events: the 3 single events and 10 packs
            assertThat(relay.relayOnce()).isEqualTo(1_003);
            assertThat(count(unpublished)).isEqualTo(15);
            assertThat(count("SELECT count(*) FROM outbox WHERE published_at IS NULL AND stream = '" + stream
                            + "' AND key IN ('p0', 'p9')"))
                    .isZero();
            assertThat(relay.relayOnce()).isEqualTo(1_000);
            assertThat(relay.relayOnce()).isEqualTo(500);
            assertThat(relay.relayOnce()).isZero();
            assertThat(count(unpublished)).isZero();
            // the view lists them event by event
            assertThat(count("SELECT count(*) FROM outbox_events WHERE stream = '" + stream + "'"))
                    .isEqualTo(2_503);

            try (SagaStreams streams = new SagaStreams(redisUrl)) {
                List<String> counts = streams.redis().xrange(stream, io.lettuce.core.Range.create("-", "+")).stream()
                        .map(m -> String.valueOf(m.getBody().get("events")))
                        .toList();
                assertThat(counts).hasSize(28);
                assertThat(counts.subList(0, 3)).containsOnly("null");
                assertThat(counts.subList(3, 28)).containsOnly("100");
                // unpacked, every event is there once, in order
                assertThat(streams.entries(stream, "k7")).hasSize(25);
            }
        } finally {
            relay.start();
        }
    }
}
