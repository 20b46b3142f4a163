package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import oms.stack.ConsumerHold;
import oms.stack.OmsStack;
import oms.testsupport.LiveSubscription;
import oms.testsupport.SseSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Two OS processes of orders and two of inventory on the same databases and Redis, as two replicas of
 * each would run in a cluster: the router calls the first of each, the second only consumes events,
 * relays its outbox and serves subscribers connected to it. Each event is processed once across a
 * consumer group, a status change made through one orders process reaches a subscriber of the other,
 * and killing one process of each in the middle of a saga loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final int ORDERS = 300;
    // every order wants 1 or 2 units of each product: 450 units of each, so some are rejected
    private static final int STOCK = 400;
    private static final String DECISIONS = """
            subscription($after: String) { orderStatusChanges(filter: {status: [CONFIRMED, REJECTED, CANCELLED]}, after: $after)
              { cursor orderId status } }""";

    private static final OmsStack stack = RunningStack.get();
    private static String orders2;
    private static String inventory2;
    /** The feed position of the last change the first test saw: the second replays what came after it. */
    private static String cursor;

    @BeforeAll
    static void startSecondProcesses() throws Exception {
        orders2 = stack.startReplica("orders");
        inventory2 = stack.startReplica("inventory");
    }

    @AfterAll
    static void stopSecondProcesses() throws Exception {
        for (String replica : new String[] {orders2, inventory2}) {
            if (replica != null && stack.processes().containsKey(replica)) {
                stack.stop(replica);
            }
        }
    }

    @Test
    @Order(1)
    void two_processes_of_each_decide_every_order_once_and_either_serves_the_others_changes() throws Exception {
        SagaBatch batch = new SagaBatch(STOCK);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        // connected to the second orders process, which the router never calls
        try (Feed onSecond = new Feed(URI.create(stack.replicaUrl(orders2) + "/graphql"), null)) {
            Eventually.await(
                    "the subscriber to be registered at the second orders process",
                    () -> RunningStack.openSubscriptions(orders2) == 1);
            ids.addAll(batch.place(ORDERS));
            batch.awaitSettled(Eventually.BATCH);
            int confirmed = batch.assertDecidedExactlyOnce();

            Map<String, List<String>> seen = onSecond.until(ids, s -> s.size() == ORDERS);
            assertThat(seen)
                    .as(() -> "decisions seen by a subscriber of the second orders process (%s; %s)"
                            .formatted(RunningStack.fanOut(orders2), RunningStack.fanOut("orders")))
                    .hasSize(ORDERS);
            assertThat(seen.values()).as("each decision delivered once").allMatch(s -> s.size() == 1);
            assertThat(seen.values().stream()
                            .filter(s -> s.getFirst().equals("CONFIRMED"))
                            .count())
                    .isEqualTo(confirmed);

            // a change made through the router (the first orders process) reaches the second one's subscriber
            String cancelled = seen.entrySet().stream()
                    .filter(e -> e.getValue().getFirst().equals("CONFIRMED"))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow();
            JsonNode answer = RunningStack.router()
                    .withBearer(RunningStack.token("sam"))
                    .execute("""
                    mutation($id: ID!) { cancelOrder(input: {orderId: $id, reason: "Scale-out test"}) {
                      order { status } userErrors { code message } } }""", Map.of("id", cancelled))
                    .at("/data/cancelOrder");
            assertThat(answer.at("/order/status").asString())
                    .as(answer.toString())
                    .isEqualTo("CANCELLED");
            Map<String, List<String>> cancellation = onSecond.until(
                    Set.of(cancelled), s -> s.getOrDefault(cancelled, List.of()).contains("CANCELLED"));
            assertThat(cancellation.get(cancelled)).containsExactly("CONFIRMED", "CANCELLED");
            cursor = onSecond.cursor;
        }
    }

    @Test
    @Order(2)
    void killing_one_process_of_each_in_the_middle_of_a_saga_loses_nothing() throws Exception {
        SagaBatch batch = new SagaBatch(STOCK);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        assertThat(cursor).as("the first test's last feed position").isNotNull();
        try (ConsumerHold reserving = stack.holdBeforeAck(inventory2, "orders");
                ConsumerHold applying = stack.holdBeforeAck(orders2, "inventory")) {
            // the first inventory process is frozen, so the second one takes the whole batch's OrderPlaced
            // events, commits its decisions and holds them unacknowledged
            stack.pause("inventory");
            try {
                ids.addAll(batch.place(ORDERS));
                // the first orders process is frozen too (after it accepted the batch): the second one takes
                // the stock answers, commits the status changes and holds them unacknowledged
                stack.pause("orders");
                try {
                    int reserved = reserving.awaitHeld(Eventually.BATCH);
                    int applied = applying.awaitHeld(Eventually.BATCH);
                    assertThat(reserved)
                            .as("OrderPlaced events the second inventory process holds")
                            .isPositive();
                    assertThat(applied)
                            .as("stock answers the second orders process holds")
                            .isPositive();
                    assertThat(stack.processWithPid(reserving.holderPid())).isEqualTo(inventory2);
                    assertThat(stack.processWithPid(applying.holderPid())).isEqualTo(orders2);
                    stack.kill(inventory2);
                    stack.kill(orders2);
                } finally {
                    stack.resume("orders");
                }
            } finally {
                stack.resume("inventory");
            }
            reserving.close();
            applying.close();

            // the surviving processes reclaim what the dead ones left unacknowledged; nothing is redone
            batch.awaitSettled(Eventually.BATCH);
            batch.assertDecidedExactlyOnce();
        }
        // every change is in the feed once, whichever process made it (a dead one's included)
        try (Feed replay = new Feed(URI.create(stack.routerUrl()), cursor)) {
            Map<String, List<String>> seen = replay.until(ids, s -> s.size() == ORDERS);
            assertThat(seen)
                    .as("decisions replayed through the router, made by either process")
                    .hasSize(ORDERS);
            assertThat(seen.values()).as("each decision in the feed once").allMatch(s -> s.size() == 1);
        }
    }

    /**
     * The staff feed of decisions as a client follows it: when the server ends it with
     * SUBSCRIBER_TOO_SLOW (a burst of 300 decisions outran the connection), it subscribes again after
     * the last cursor received, so nothing is missed or seen twice across the resume.
     */
    private static final class Feed implements AutoCloseable {
        private final URI endpoint;
        private final List<JsonNode> events = new ArrayList<>();
        private LiveSubscription subscription;
        private String cursor;
        private int resumes;

        Feed(URI endpoint, String after) {
            this.endpoint = endpoint;
            this.cursor = after;
            this.subscription = open();
        }

        private LiveSubscription open() {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", cursor);
            return SseSubscription.open(endpoint, RunningStack.token("sam"), DECISIONS, variables);
        }

        /** Changes of {@code ids} received so far (order id → statuses in order), read on until {@code done} holds. */
        Map<String, List<String>> until(Set<String> ids, java.util.function.Predicate<Map<String, List<String>>> done) {
            long deadline = System.nanoTime() + Eventually.STEP.toNanos();
            while (true) {
                // until() hands over the list read so far, one event longer each time
                subscription.until(
                        read -> {
                            if (!read.isEmpty()) {
                                take(read.getLast());
                            }
                            return done.test(seen(ids));
                        },
                        Eventually.STEP);
                if (done.test(seen(ids)) || System.nanoTime() > deadline) {
                    return seen(ids);
                }
                JsonNode errors = subscription.errors();
                assertThat(errors).as("the feed ended").isNotNull();
                assertThat(errors.at("/0/extensions/code").asString())
                        .as(errors.toString())
                        .isEqualTo("SUBSCRIBER_TOO_SLOW");
                assertThat(++resumes).as("resumes").isLessThan(20);
                subscription.close();
                subscription = open();
            }
        }

        private void take(JsonNode event) {
            JsonNode change = event.at("/data/orderStatusChanges");
            if (!change.isMissingNode() && !change.isNull()) {
                events.add(change);
                cursor = change.at("/cursor").asString();
            }
        }

        private Map<String, List<String>> seen(Set<String> ids) {
            Map<String, List<String>> seen = new HashMap<>();
            for (JsonNode change : events) {
                if (ids.contains(change.at("/orderId").asString())) {
                    seen.computeIfAbsent(change.at("/orderId").asString(), k -> new ArrayList<>())
                            .add(change.at("/status").asString());
                }
            }
            return seen;
        }

        @Override
        public void close() {
            subscription.close();
        }
    }
}
