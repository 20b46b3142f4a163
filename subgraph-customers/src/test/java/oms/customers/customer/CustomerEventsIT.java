package oms.customers.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.platform.test.SubgraphIT;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

class CustomerEventsIT extends SubgraphIT {

    @Value("${oms.redis-url}")
    String redisUrl;

    /** The customer's events on the stream so far, oldest first. */
    private List<StreamMessage<String, String>> published(String customerId) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            return redis.sync().xrange(CustomerEvents.STREAM, Range.create("-", "+")).stream()
                    .filter(m -> customerId.equals(m.getBody().get("key")))
                    .toList();
        } finally {
            client.shutdown();
        }
    }

    /** Waits (generously: relay and stream are asynchronous) until the customer has {@code count} events. */
    private List<StreamMessage<String, String>> awaitPublished(String customerId, int count)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        List<StreamMessage<String, String>> mine;
        while ((mine = published(customerId)).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Customer " + customerId + " has " + mine.size() + " of " + count + " events");
            }
            Thread.sleep(100);
        }
        return mine;
    }

    private String register(String email) {
        return execute(
                        "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }",
                        Map.of("i", Map.of("email", email, "firstName", "Eve", "lastName", "Event")))
                .at("/data/registerCustomer/customer/id")
                .asString();
    }

    private static String status(StreamMessage<String, String> event) {
        return GraphQlClient.json()
                .readTree(event.getBody().get("payload"))
                .at("/status")
                .asString();
    }

    @Test
    void a_registered_customer_and_a_status_change_are_published_for_other_services() throws Exception {
        String id = register("ev-" + UUID.randomUUID() + "@example.com");
        List<StreamMessage<String, String>> events = awaitPublished(id, 1);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getBody()).containsEntry("type", "CustomerUpserted");
        assertThat(status(events.getFirst())).isEqualTo("ACTIVE");

        execute("mutation { updateCustomer(input: {id: \"" + id + "\", status: BLOCKED}) { customer { id } } }");
        assertThat(status(awaitPublished(id, 2).getLast())).isEqualTo("BLOCKED");
    }

    @Test
    void a_rejected_registration_publishes_nothing() throws Exception {
        String email = "nope-" + UUID.randomUUID();
        execute(
                "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("email", email, "firstName", "No", "lastName", "Body")));
        // the relay publishes in commit order: once a later registration is out, an event of the
        // rejected one would be out too
        String later = register("later-" + UUID.randomUUID() + "@example.com");
        awaitPublished(later, 1);
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(redis.sync().xrange(CustomerEvents.STREAM, Range.create("-", "+")).stream()
                            .map(m -> m.getBody().get("payload"))
                            .filter(p -> p.contains(email)))
                    .isEmpty();
        } finally {
            client.shutdown();
        }
    }
}
