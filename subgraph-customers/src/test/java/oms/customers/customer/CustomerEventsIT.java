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
import oms.stack.GraphQlClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

class CustomerEventsIT extends SubgraphIT {

    @Value("${oms.redis-url}")
    String redisUrl;

    private List<StreamMessage<String, String>> published(String customerId) throws InterruptedException {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            List<StreamMessage<String, String>> mine = List.of();
            while (Instant.now().isBefore(deadline)) {
                mine = redis.sync().xrange(CustomerEvents.STREAM, Range.create("-", "+")).stream()
                        .filter(m -> customerId.equals(m.getBody().get("key"))).toList();
                if (!mine.isEmpty()) {
                    break;
                }
                Thread.sleep(100);
            }
            return mine;
        } finally {
            client.shutdown();
        }
    }

    private static String status(StreamMessage<String, String> event) {
        return GraphQlClient.json().readTree(event.getBody().get("payload")).at("/status").asString();
    }

    @Test
    void a_registered_customer_and_a_status_change_are_published_for_other_services() throws Exception {
        String id = execute("mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }",
                Map.of("i", Map.of("email", "ev-" + UUID.randomUUID() + "@example.com", "firstName", "Eve", "lastName", "Event")))
                .at("/data/registerCustomer/customer/id").asString();
        List<StreamMessage<String, String>> events = published(id);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getBody()).containsEntry("type", "CustomerUpserted");
        assertThat(status(events.getFirst())).isEqualTo("ACTIVE");

        execute("mutation { updateCustomer(input: {id: \"" + id + "\", status: BLOCKED}) { customer { id } } }");
        Instant deadline = Instant.now().plusSeconds(10);
        while (published(id).size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(status(published(id).getLast())).isEqualTo("BLOCKED");
    }

    @Test
    void a_rejected_registration_publishes_nothing() throws Exception {
        String email = "nope-" + UUID.randomUUID();
        execute("mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("email", email, "firstName", "No", "lastName", "Body")));
        Thread.sleep(1500);
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(redis.sync().xrange(CustomerEvents.STREAM, Range.create("-", "+")).stream()
                    .map(m -> m.getBody().get("payload")).filter(p -> p.contains(email))).isEmpty();
        } finally {
            client.shutdown();
        }
    }
}
