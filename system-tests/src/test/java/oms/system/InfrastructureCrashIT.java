package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import oms.stack.OmsStack;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL and Redis killed hard (SIGKILL, no shutdown) under traffic, with the stack supervised as
 * `./oms up` supervises it: each is started again with back-off and the services recover by
 * themselves. Nothing acknowledged to a client is lost, nothing is decided twice, and meanwhile
 * clients get a retryable SERVICE_UNAVAILABLE, never INTERNAL.
 */
class InfrastructureCrashIT {

    private static final String PLACE = """
            mutation($p: ID!, $k: String!) { createOrder(input: {items: [{productId: $p, quantity: 1}],
              paymentMethod: CARD, idempotencyKey: $k,
              shippingAddress: {line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE"}})
              { order { id } userErrors { code message } } }""";

    private final OmsStack stack = RunningStack.get();
    private final List<String> supervisor = new CopyOnWriteArrayList<>();

    @BeforeEach
    void supervise() {
        stack.superviseWith(line -> {
            supervisor.add(line);
            System.out.println("supervisor: " + line);
        });
    }

    @AfterEach
    void stopSupervising() {
        stack.stopSupervising();
    }

    @Test
    void orders_acknowledged_before_postgres_is_killed_are_all_there_after_it_restarts() throws Exception {
        String product = newProduct();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Map<String, Integer> refusals = new TreeMap<>();
        Instant[] killedAt = new Instant[1];
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        int afterRestart = 0;
        while (Instant.now().isBefore(deadline) && afterRestart < 10) {
            if (killedAt[0] == null && acknowledged.size() >= 10) {
                stack.postgres().kill();
                killedAt[0] = Instant.now();
            }
            JsonNode response;
            try {
                response = RunningStack.router()
                        .withBearer(RunningStack.token("alice"))
                        .execute(
                                PLACE,
                                Map.of("p", product, "k", UUID.randomUUID().toString()));
            } catch (RuntimeException tokenOrTransport) {
                // Keycloak keeps its data in the same PostgreSQL: a fresh token may be refused meanwhile
                refusals.merge("(no token or no answer)", 1, Integer::sum);
                Thread.sleep(200);
                continue;
            }
            String id = response.at("/data/createOrder/order/id").asString("");
            if (!id.isEmpty()) {
                acknowledged.add(id);
                if (killedAt[0] != null && supervisor.stream().anyMatch(l -> l.startsWith("postgres is back"))) {
                    afterRestart++;
                }
            } else {
                response.path("errors")
                        .forEach(e -> refusals.merge(e.at("/extensions/code").asString("(none)"), 1, Integer::sum));
                Thread.sleep(100);
            }
        }
        assertThat(killedAt[0]).as("PostgreSQL was killed").isNotNull();
        assertThat(afterRestart)
                .as("orders placed again after the restart; refusals " + refusals)
                .isEqualTo(10);
        assertThat(supervisor).anyMatch(l -> l.startsWith("postgres stopped unexpectedly"));
        assertThat(refusals).as("what clients got while PostgreSQL was away").isNotEmpty();
        assertThat(refusals.keySet())
                .as("codes while PostgreSQL was away")
                .isSubsetOf(Set.of("SERVICE_UNAVAILABLE", "(no token or no answer)"));

        // every acknowledged order is there, once, and the saga decides each of them
        assertThat(countOrders(acknowledged))
                .as("acknowledged orders in the database")
                .isEqualTo(acknowledged.size());
        GraphQlClient ada = RunningStack.router().withBearer(RunningStack.token("ada"));
        for (String id : acknowledged) {
            Eventually.await(
                    "order " + id + " to be decided",
                    Eventually.BATCH,
                    () -> !ada.execute("query($id: ID!) { order(id: $id) { status } }", Map.of("id", id))
                            .at("/data/order/status")
                            .asString("PENDING")
                            .equals("PENDING"));
        }
    }

    @Test
    void redis_killed_during_a_batch_of_1000_orders_loses_and_repeats_nothing() throws Exception {
        SagaBatch batch = new SagaBatch(700); // 1,500 units wanted of each product: some orders are rejected
        Thread killer = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(1_000); // while the batch is being placed
                stack.redis().kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> orders = batch.place(1000);
        killer.join();
        Eventually.await("Redis to be back", () -> supervisor.stream().anyMatch(l -> l.startsWith("redis is back")));
        long decided = decided(orders);
        // and once more while the saga is deciding the batch
        if (decided < 1000) {
            stack.redis().kill();
            Eventually.await(
                    "Redis to be back again",
                    () -> supervisor.stream()
                                    .filter(l -> l.startsWith("redis is back"))
                                    .count()
                            == 2);
        }
        batch.awaitSettled(Eventually.BATCH);
        assertThat(batch.assertDecidedExactlyOnce())
                .as("decided when Redis was killed the second time: " + decided)
                .isPositive();
    }

    /** How many of the orders inventory has decided so far. */
    private static long decided(List<String> orders) throws Exception {
        try (var c = RunningStack.database("inventory");
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM stock_decisions WHERE order_id::text = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", orders.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String newProduct() {
        JsonNode created = RunningStack.router()
                .withBearer(RunningStack.token("ada"))
                .execute(
                        """
                mutation($sku: String!) { createProduct(input: {sku: $sku, name: "Outage test part",
                  price: "2.00", currency: "EUR", initialStock: 100000}) { product { id } userErrors { code } } }""",
                        Map.of(
                                "sku",
                                "PG-"
                                        + UUID.randomUUID()
                                                .toString()
                                                .substring(0, 8)
                                                .toUpperCase()))
                .at("/data/createProduct");
        String id = created.at("/product/id").asString();
        Eventually.await("the orders service to learn the new product", () -> {
            try (var c = RunningStack.database("orders");
                    PreparedStatement s =
                            c.prepareStatement("SELECT 1 FROM catalog_products WHERE product_id::text = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
        return id;
    }

    private static long countOrders(List<String> ids) throws Exception {
        try (var c = RunningStack.database("orders");
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM orders WHERE id::text = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", new ArrayList<>(ids).toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
