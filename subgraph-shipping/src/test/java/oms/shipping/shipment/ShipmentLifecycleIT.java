package oms.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

/**
 * The saga as shipping plays it, against real PostgreSQL and Redis: orders events arrive on the
 * {@code orders} stream, warehouse staff dispatch and deliver, and {@code shipping} carries the news.
 */
class ShipmentLifecycleIT extends SubgraphIT {

    /** Events travel through the outbox relay and a consumer; generous, a slow machine only takes longer. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final String SHIPMENT = """
            id status trackingNumber dispatchedAt deliveredAt carrier { code }
            events { status location description occurredAt }""";
    private static final String PAYLOAD = "{ shipment { " + SHIPMENT + " } userErrors { code field message } }";
    private static final String DISPATCH =
            "mutation($input: DispatchShipmentInput!) { dispatchShipment(input: $input) " + PAYLOAD + " }";
    private static final String SCAN =
            "mutation($input: RecordShipmentEventInput!) { recordShipmentEvent(input: $input) " + PAYLOAD + " }";
    private static final String DELIVER =
            "mutation($input: RecordDeliveryInput!) { recordDelivery(input: $input) " + PAYLOAD + " }";

    @Value("${oms.redis-url}")
    String redisUrl;

    @Autowired
    DatabaseClient db;

    private EventStreams streams;

    @BeforeEach
    void connect() {
        streams = new EventStreams(redisUrl);
    }

    @AfterEach
    void disconnect() {
        streams.close();
    }

    @Test
    void a_confirmed_order_gets_a_pending_shipment_with_the_default_carrier() {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        confirm(UUID.randomUUID(), order, customer);

        JsonNode shipment = awaitShipment(order);
        assertThat(shipment.at("/status").asString()).isEqualTo("PENDING");
        assertThat(shipment.at("/carrier/code").asString()).isEqualTo("DHL");
        assertThat(shipment.at("/trackingNumber").isNull()).isTrue();
        assertThat(shipment.at("/events").size()).isEqualTo(1);
        assertThat(shipment.at("/events/0/status").asString()).isEqualTo("PENDING");
        assertThat(shipment.at("/events/0/description").asString()).isEqualTo("Shipment created, awaiting dispatch");

        String byId = "query($id: ID!) { shipment(id: $id) { id } }";
        Map<String, String> id = Map.of("id", shipment.at("/id").asString());
        assertThat(as(TestTokens.customer(customer))
                        .execute(byId, id)
                        .at("/data/shipment/id")
                        .asString())
                .as("the order's customer follows the parcel")
                .isEqualTo(shipment.at("/id").asString());
        assertThat(code(as(TestTokens.customer(UUID.randomUUID())).execute(byId, id)))
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void the_same_confirmation_delivered_twice_or_sent_again_opens_one_shipment() {
        UUID order = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        confirm(event, order, UUID.randomUUID());
        confirm(event, order, UUID.randomUUID());
        confirm(UUID.randomUUID(), order, UUID.randomUUID());
        UUID placement = UUID.randomUUID();
        streams.send(
                "orders", placement, "OrderPlaced", UUID.randomUUID(), "{\"orderId\":\"" + UUID.randomUUID() + "\"}");
        UUID later = UUID.randomUUID();
        confirm(UUID.randomUUID(), later, UUID.randomUUID());

        // events of one stream are handled in order: once the later order has its shipment, all above were seen
        awaitShipment(later);
        assertThat(count("SELECT count(*) AS n FROM shipments WHERE order_id = '" + order + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM shipment_events e JOIN shipments s ON s.id = e.shipment_id "
                        + "WHERE s.order_id = '" + order + "'"))
                .isEqualTo(1);
        assertThat(shipmentOf(order).at("/events").size()).isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM processed_events WHERE event_id = '" + event + "'"))
                .as("a confirmation is remembered, so its redelivery changes nothing")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) AS n FROM processed_events WHERE event_id = '" + placement + "'"))
                .as("an event type shipping does not act on is passed over without a record")
                .isZero();
    }

    @Test
    void a_malformed_order_event_does_not_hold_up_the_others() {
        UUID broken = UUID.randomUUID();
        UUID fine = UUID.randomUUID();
        streams.send("orders", UUID.randomUUID(), "OrderConfirmed", broken, "{\"orderId\":\"" + broken + "\"}");
        confirm(UUID.randomUUID(), fine, UUID.randomUUID());

        awaitShipment(fine);
        assertThat(shipmentOf(broken).isNull())
                .as("no customer, no shipment: the event waits to be parked")
                .isTrue();
    }

    @Test
    void a_cancelled_order_cancels_its_pending_shipment_but_not_a_dispatched_one() {
        UUID waiting = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        confirm(UUID.randomUUID(), waiting, UUID.randomUUID());
        confirm(UUID.randomUUID(), gone, UUID.randomUUID());
        awaitShipment(waiting);
        String goneId = awaitShipment(gone).at("/id").asString();
        assertThat(dispatch(goneId, null, tracking()).at("/userErrors").size()).isZero();

        streams.cancel(gone);
        streams.cancel(waiting);
        await().atMost(PATIENCE)
                .until(() -> shipmentOf(waiting).at("/status").asString().equals("CANCELLED"));

        JsonNode cancelled = shipmentOf(waiting);
        assertThat(cancelled.at("/events/1/status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.at("/events/1/description").asString()).isEqualTo("Order cancelled before dispatch");
        assertThat(shipmentOf(gone).at("/status").asString()).isEqualTo("DISPATCHED");
        assertThat(code(dispatch(cancelled.at("/id").asString(), null, tracking())))
                .as("a cancelled shipment cannot be dispatched")
                .isEqualTo("INVALID_STATUS_TRANSITION");
    }

    @Test
    void dispatching_tells_the_orders_service_the_carrier_and_tracking_number() {
        UUID order = UUID.randomUUID();
        confirm(UUID.randomUUID(), order, UUID.randomUUID());
        String shipmentId = awaitShipment(order).at("/id").asString();
        String number = tracking();

        JsonNode payload = as(TestTokens.staff("warehouse"))
                .execute(
                        DISPATCH,
                        Map.of(
                                "input",
                                Map.of(
                                        "shipmentId",
                                        shipmentId,
                                        "carrier",
                                        " ups ",
                                        "trackingNumber",
                                        " " + number + " ")))
                .at("/data/dispatchShipment");
        assertThat(payload.at("/userErrors").size()).isZero();
        JsonNode shipment = payload.at("/shipment");
        assertThat(shipment.at("/status").asString()).isEqualTo("DISPATCHED");
        assertThat(shipment.at("/carrier/code").asString()).isEqualTo("UPS");
        assertThat(shipment.at("/trackingNumber").asString()).isEqualTo(number);
        assertThat(shipment.at("/events/1/status").asString()).isEqualTo("DISPATCHED");
        assertThat(shipment.at("/dispatchedAt").asString())
                .isEqualTo(shipment.at("/events/1/occurredAt").asString());

        List<StreamMessage<String, String>> published = awaitPublished(order, 1);
        assertThat(published.getFirst().getBody().get("type")).isEqualTo("ShipmentDispatched");
        JsonNode event =
                GraphQlClient.json().readTree(published.getFirst().getBody().get("payload"));
        assertThat(event.at("/orderId").asString()).isEqualTo(order.toString());
        assertThat(event.at("/shipmentId").asString()).isEqualTo(shipmentId);
        assertThat(event.at("/carrier").asString()).isEqualTo("UPS");
        assertThat(event.at("/trackingNumber").asString()).isEqualTo(number);
    }

    @Test
    void only_warehouse_staff_and_admins_dispatch() {
        UUID order = UUID.randomUUID();
        UUID customer = UUID.randomUUID();
        confirm(UUID.randomUUID(), order, customer);
        String shipmentId = awaitShipment(order).at("/id").asString();
        Map<String, Object> input = Map.of("input", Map.of("shipmentId", shipmentId, "trackingNumber", tracking()));

        for (String token : List.of(TestTokens.customer(customer), TestTokens.staff("sales"))) {
            JsonNode refused = as(token).execute(DISPATCH, input);
            assertThat(code(refused)).isEqualTo("FORBIDDEN");
            assertThat(refused.at("/data").isNull())
                    .as("the payload is non-null, so the error nulls the whole data")
                    .isTrue();
        }
        assertThat(code(anonymous().execute(DISPATCH, input))).isEqualTo("UNAUTHENTICATED");
        assertThat(shipmentOf(order).at("/status").asString()).isEqualTo("PENDING");
        assertThat(outboxRows(order)).isZero();

        assertThat(as(TestTokens.admin())
                        .execute(DISPATCH, input)
                        .at("/data/dispatchShipment/shipment/status")
                        .asString())
                .isEqualTo("DISPATCHED");
    }

    @Test
    void a_shipment_is_dispatched_once_and_announced_once() {
        UUID order = UUID.randomUUID();
        confirm(UUID.randomUUID(), order, UUID.randomUUID());
        String shipmentId = awaitShipment(order).at("/id").asString();
        String first = tracking();
        assertThat(dispatch(shipmentId, "DPD", first).at("/userErrors").size()).isZero();

        JsonNode again = dispatch(shipmentId, "GLS", tracking());
        assertThat(code(again)).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(again.at("/userErrors/0/message").asString())
                .isEqualTo("A DISPATCHED shipment cannot become DISPATCHED (only from PENDING)");
        assertThat(again.at("/shipment").isNull()).isTrue();

        JsonNode shipment = shipmentOf(order);
        assertThat(shipment.at("/trackingNumber").asString()).isEqualTo(first);
        assertThat(shipment.at("/carrier/code").asString()).isEqualTo("DPD");
        assertThat(shipment.at("/events").size()).isEqualTo(2);
        assertThat(outboxRows(order)).isEqualTo(1);
        awaitRelayed();
        assertThat(published(order)).hasSize(1);
    }

    @Test
    void of_concurrent_dispatches_exactly_one_wins() throws Exception {
        UUID order = UUID.randomUUID();
        confirm(UUID.randomUUID(), order, UUID.randomUUID());
        String shipmentId = awaitShipment(order).at("/id").asString();

        List<JsonNode> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<CompletableFuture<JsonNode>> racing = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> dispatch(shipmentId, null, tracking()), pool))
                    .toList();
            for (CompletableFuture<JsonNode> dispatch : racing) {
                results.add(dispatch.get());
            }
        }
        assertThat(results).filteredOn(r -> r.at("/userErrors").isEmpty()).hasSize(1);
        assertThat(results)
                .filteredOn(r -> !r.at("/userErrors").isEmpty())
                .hasSize(7)
                .allSatisfy(r -> assertThat(code(r)).isEqualTo("INVALID_STATUS_TRANSITION"));
        assertThat(shipmentOf(order).at("/events").size()).isEqualTo(2);
        assertThat(outboxRows(order)).isEqualTo(1);
    }

    @Test
    void a_parcel_is_tracked_to_the_door_and_its_delivery_announced() {
        UUID order = UUID.randomUUID();
        confirm(UUID.randomUUID(), order, UUID.randomUUID());
        String shipmentId = awaitShipment(order).at("/id").asString();
        assertThat(code(deliver(shipmentId, "Berlin")))
                .as("not before dispatch")
                .isEqualTo("INVALID_STATUS_TRANSITION");
        dispatch(shipmentId, null, tracking());

        assertThat(scan(shipmentId, "IN_TRANSIT", "Hub Leipzig", "Arrived at sorting hub")
                        .at("/shipment/status")
                        .asString())
                .isEqualTo("IN_TRANSIT");
        assertThat(scan(shipmentId, "IN_TRANSIT", "Hub Berlin", "Arrived at sorting hub")
                        .at("/userErrors")
                        .size())
                .as("scanned again at the next hub")
                .isZero();
        assertThat(scan(shipmentId, "OUT_FOR_DELIVERY", "Berlin", "On the delivery vehicle")
                        .at("/shipment/status")
                        .asString())
                .isEqualTo("OUT_FOR_DELIVERY");
        JsonNode delivered = deliver(shipmentId, "Berlin, handed to neighbour").at("/shipment");

        assertThat(delivered.at("/status").asString()).isEqualTo("DELIVERED");
        List<String> journey = new ArrayList<>();
        delivered.at("/events").forEach(e -> journey.add(e.at("/status").asString()));
        assertThat(journey)
                .containsExactly("PENDING", "DISPATCHED", "IN_TRANSIT", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        assertThat(delivered.at("/events/5/location").asString()).isEqualTo("Berlin, handed to neighbour");
        assertThat(delivered.at("/deliveredAt").asString())
                .isEqualTo(delivered.at("/events/5/occurredAt").asString());
        assertThat(code(scan(shipmentId, "IN_TRANSIT", null, "Lost and found"))).isEqualTo("INVALID_STATUS_TRANSITION");
        assertThat(code(deliver(shipmentId, null))).as("delivered once").isEqualTo("INVALID_STATUS_TRANSITION");

        List<StreamMessage<String, String>> published = awaitPublished(order, 2);
        assertThat(published)
                .extracting(m -> m.getBody().get("type"))
                .containsExactly("ShipmentDispatched", "ShipmentDelivered");
        JsonNode event =
                GraphQlClient.json().readTree(published.get(1).getBody().get("payload"));
        assertThat(event.at("/orderId").asString()).isEqualTo(order.toString());
        assertThat(event.at("/shipmentId").asString()).isEqualTo(shipmentId);
        assertThat(event.properties()).hasSize(2);
        awaitRelayed();
        assertThat(published(order)).as("tracking scans are not announced").hasSize(2);
    }

    @Test
    void a_refused_step_changes_nothing_and_publishes_nothing() {
        UUID order = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        confirm(UUID.randomUUID(), order, UUID.randomUUID());
        confirm(UUID.randomUUID(), other, UUID.randomUUID());
        String shipmentId = awaitShipment(order).at("/id").asString();
        String otherId = awaitShipment(other).at("/id").asString();
        String taken = tracking();
        dispatch(otherId, null, taken);

        assertThat(fields(dispatch(shipmentId, null, "  "))).containsExactly("INVALID_ARGUMENT input.trackingNumber");
        assertThat(fields(dispatch(shipmentId, "POSTKUTSCHE", tracking())))
                .containsExactly("INVALID_ARGUMENT input.carrier");
        assertThat(fields(dispatch(shipmentId, "POSTKUTSCHE", " ")))
                .containsExactly("INVALID_ARGUMENT input.trackingNumber", "INVALID_ARGUMENT input.carrier");
        assertThat(fields(dispatch(shipmentId, "UPS", taken)))
                .containsExactly("DUPLICATE_TRACKING_NUMBER input.trackingNumber");
        assertThat(fields(dispatch(UUID.randomUUID().toString(), null, tracking())))
                .containsExactly("NOT_FOUND input.shipmentId");
        assertThat(fields(scan(shipmentId, "DELIVERED", null, "Delivered")))
                .containsExactly("INVALID_ARGUMENT input.status");
        assertThat(fields(scan(shipmentId, "IN_TRANSIT", null, "Arrived at hub")))
                .containsExactly("INVALID_STATUS_TRANSITION input.shipmentId");
        assertThat(fields(deliver(shipmentId, null))).containsExactly("INVALID_STATUS_TRANSITION input.shipmentId");
        assertThat(code(as(TestTokens.staff("warehouse"))
                        .execute(
                                DISPATCH,
                                Map.of("input", Map.of("shipmentId", "not-an-id", "trackingNumber", tracking())))))
                .isEqualTo("INVALID_ARGUMENT");

        JsonNode untouched = shipmentOf(order);
        assertThat(untouched.at("/status").asString()).isEqualTo("PENDING");
        assertThat(untouched.at("/carrier/code").asString()).isEqualTo("DHL");
        assertThat(untouched.at("/trackingNumber").isNull()).isTrue();
        assertThat(untouched.at("/events").size()).isEqualTo(1);
        assertThat(outboxRows(order)).isZero();
        awaitRelayed();
        assertThat(published(order)).isEmpty();
        assertThat(published(other)).hasSize(1);
    }

    // --- the streams

    private void confirm(UUID eventId, UUID order, UUID customer) {
        streams.confirm(eventId, order, customer);
    }

    private List<StreamMessage<String, String>> published(UUID order) {
        return streams.published(order);
    }

    private List<StreamMessage<String, String>> awaitPublished(UUID order, int count) {
        return await().atMost(PATIENCE).until(() -> published(order), list -> list.size() >= count);
    }

    /** Waits until the relay has published every committed outbox row. */
    private void awaitRelayed() {
        await().atMost(PATIENCE).until(() -> count("SELECT count(*) AS n FROM outbox WHERE published_at IS NULL") == 0);
    }

    private long outboxRows(UUID order) {
        return count("SELECT count(*) AS n FROM outbox_events WHERE key = '" + order + "'");
    }

    // --- the warehouse's side

    private JsonNode awaitShipment(UUID order) {
        return await().atMost(PATIENCE).until(() -> shipmentOf(order), s -> !s.isNull() && !s.isMissingNode());
    }

    private JsonNode shipmentOf(UUID order) {
        return entities("Order", "shipment { " + SHIPMENT + " }", Map.of("__typename", "Order", "id", order.toString()))
                .at("/data/_entities/0/shipment");
    }

    private JsonNode dispatch(String shipmentId, String carrier, String trackingNumber) {
        Map<String, Object> input = new HashMap<>(Map.of("shipmentId", shipmentId, "trackingNumber", trackingNumber));
        if (carrier != null) {
            input.put("carrier", carrier);
        }
        return warehouse(DISPATCH, input).at("/data/dispatchShipment");
    }

    private JsonNode scan(String shipmentId, String status, String location, String description) {
        Map<String, Object> input =
                new HashMap<>(Map.of("shipmentId", shipmentId, "status", status, "description", description));
        input.put("location", location);
        return warehouse(SCAN, input).at("/data/recordShipmentEvent");
    }

    private JsonNode deliver(String shipmentId, String location) {
        Map<String, Object> input = new HashMap<>(Map.of("shipmentId", shipmentId));
        input.put("location", location);
        return warehouse(DELIVER, input).at("/data/recordDelivery");
    }

    private JsonNode warehouse(String mutation, Map<String, Object> input) {
        return as(TestTokens.staff("warehouse")).execute(mutation, Map.of("input", input));
    }

    private static String tracking() {
        return "JJD"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }

    /** The code of a payload's first user error, or of a response's first GraphQL error. */
    private static String code(JsonNode result) {
        JsonNode userError = result.at("/userErrors/0/code");
        return userError.isMissingNode()
                ? result.at("/errors/0/extensions/code").asString()
                : userError.asString();
    }

    private static List<String> fields(JsonNode payload) {
        List<String> errors = new ArrayList<>();
        payload.at("/userErrors").forEach(e -> {
            List<String> path = new ArrayList<>();
            e.at("/field").forEach(f -> path.add(f.asString()));
            errors.add(e.at("/code").asString() + " " + String.join(".", path));
        });
        assertThat(payload.at("/shipment").isNull()).isTrue();
        return errors;
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get("n", Long.class)).one().block();
    }
}
