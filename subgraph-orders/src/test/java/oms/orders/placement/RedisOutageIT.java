package oms.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.platform.test.EmbeddedPostgresInitializer;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

/** Orders keep being accepted while Redis is down; their events go out once it is back. */
class RedisOutageIT extends SubgraphIT {

    @Value("${oms.redis-url}")
    String redisUrl;

    @Autowired
    DatabaseClient db;

    @Autowired
    org.springframework.transaction.reactive.TransactionalOperator tx;

    @Test
    void orders_placed_while_redis_is_down_are_published_when_it_returns() throws Exception {
        Buyer buyer = buyer("OUT");

        EmbeddedPostgresInitializer.redis().stop();
        List<String> placed;
        try {
            placed = java.util.stream.IntStream.range(0, 5)
                    .mapToObj(i -> buyer.place())
                    .toList();
            assertThat(placed).doesNotContain("");
            // out of rotation while Redis is away, but alive: nothing would be gained by a restart
            SagaStreams.await(() -> status("/readyz") == 503, "readiness to fail without Redis");
            assertThat(status("/livez")).isEqualTo(200);
            // accepted and kept: the events wait in the outbox while Redis is away
            assertThat(db.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL AND type = 'OrderPlaced' "
                                    + "AND key = ANY(:ids)")
                            .bind("ids", placed.toArray(String[]::new))
                            .map(row -> row.get(0, Long.class))
                            .one()
                            .block())
                    .isEqualTo((long) placed.size());
        } finally {
            EmbeddedPostgresInitializer.redis().restart();
        }
        SagaStreams.await(() -> status("/readyz") == 200, "readiness once Redis is back");
        try (SagaStreams streams = new SagaStreams(redisUrl)) {
            for (String id : placed) {
                SagaStreams.await(
                        () -> !streams.entries("orders", "OrderPlaced", id).isEmpty(), "OrderPlaced " + id);
            }
            JsonNode check =
                    graphql().execute("query($id: ID!) { order(id: $id) { status } }", Map.of("id", placed.getFirst()));
            assertThat(check.at("/data/order/status").asString()).isEqualTo("PENDING");
        }
    }

    /**
     * A hung Redis (the process frozen: connections open, no replies) holds the relay's publish, but not
     * the outbox rows: the relay claimed them in a statement that has committed, so no transaction
     * stays open and every row can be locked by anyone else meanwhile.
     */
    @Test
    void the_outbox_relay_holds_no_database_lock_while_redis_hangs() throws Exception {
        Buyer buyer = buyer("HANG");

        String placed;
        EmbeddedPostgresInitializer.redis().pause();
        try {
            placed = buyer.place();
            assertThat(placed).isNotEmpty();
            // the relay has claimed the row and waits on Redis
            SagaStreams.await(
                    () -> db.sql("SELECT count(*) FROM outbox WHERE key = :id AND claimed_until > now()")
                                    .bind("id", placed)
                                    .map(row -> row.get(0, Long.class))
                                    .one()
                                    .block()
                            == 1,
                    "the relay to claim the row");
            Thread.sleep(1_000);
            assertThat(db.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                    + "AND state LIKE 'idle in transaction%'")
                            .map(row -> row.get(0, Long.class))
                            .one()
                            .block())
                    .as("transactions left open")
                    .isZero();
            // NOWAIT fails at once (55P03) if anybody holds a row lock
            assertThat(tx.transactional(db.sql("SELECT count(*) FROM (SELECT id FROM outbox WHERE published_at IS NULL "
                                            + "FOR UPDATE NOWAIT) locked")
                                    .map(row -> row.get(0, Long.class))
                                    .one())
                            .block())
                    .isPositive();
        } finally {
            EmbeddedPostgresInitializer.redis().resume();
        }
        try (SagaStreams streams = new SagaStreams(redisUrl)) {
            SagaStreams.await(
                    () -> !streams.entries("orders", "OrderPlaced", placed).isEmpty(), "OrderPlaced " + placed);
        }
    }

    /** A customer and a product the orders service knows from its replicas. */
    private Buyer buyer(String skuPrefix) {
        UUID product = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        try (SagaStreams streams = new SagaStreams(redisUrl)) {
            streams.product(
                    product,
                    skuPrefix + "-" + product.toString().substring(0, 6).toUpperCase(),
                    "3.00",
                    true);
            streams.customer(customer, "ACTIVE");
        }
        Buyer buyer = new Buyer(as(TestTokens.customer(customer)), product);
        SagaStreams.await(() -> !buyer.place().isEmpty(), "the replicas");
        return buyer;
    }

    private record Buyer(oms.testsupport.GraphQlClient client, UUID product) {
        /** Places an order of one unit; answers its id, or "" when it was not placed. */
        String place() {
            return client.execute("""
                    mutation($p: ID!) { createOrder(input: {items: [{productId: $p, quantity: 1}], paymentMethod: CARD,
                      shippingAddress: {line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE"}})
                      { order { id } userErrors { code } } }""", Map.of("p", product.toString()))
                    .at("/data/createOrder/order/id")
                    .asString("");
        }
    }

    private int status(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
