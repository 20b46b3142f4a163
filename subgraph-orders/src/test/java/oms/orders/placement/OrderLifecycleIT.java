package oms.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
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

/** The orders side of the saga, driven by the other services' real stream events. */
class OrderLifecycleIT extends SubgraphIT {

    @Value("${oms.redis-url}")
    String redisUrl;

    @Autowired
    DatabaseClient db;

    private SagaStreams streams;
    private final UUID product = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();
    private GraphQlClient me;

    @BeforeEach
    void replicas() {
        streams = new SagaStreams(redisUrl);
        streams.product(product, "LIF-" + product.toString().substring(0, 6).toUpperCase(), "10.00", true);
        streams.customer(customer, "ACTIVE");
        me = as(TestTokens.customer(customer));
        SagaStreams.await(() -> place() != null, "the replicas");
    }

    @AfterEach
    void close() {
        streams.close();
    }

    private String place() {
        JsonNode created = me.execute("""
                mutation($p: ID!) { createOrder(input: {items: [{productId: $p, quantity: 2}], paymentMethod: CARD,
                  shippingAddress: {line1: "1 Main St", city: "Berlin", postalCode: "10115", country: "DE"}})
                  { order { id } } }""", Map.of("p", product.toString()));
        JsonNode id = created.at("/data/createOrder/order/id");
        return id.isMissingNode() || id.isNull() ? null : id.asString();
    }

    private JsonNode order(String id) {
        return graphql()
                .execute(
                        "query($id: ID!) { order(id: $id) { status paymentStatus version "
                                + "statusHistory { version from to actor reason } } }",
                        Map.of("id", id))
                .at("/data/order");
    }

    private void awaitStatus(String id, String status) {
        SagaStreams.await(() -> order(id).at("/status").asString().equals(status), "status " + status);
    }

    @Test
    void reserved_stock_confirms_the_order_and_tells_shipping() {
        String id = place();
        streams.publish("inventory", "StockReserved", id, "{\"orderId\":\"" + id + "\"}");
        awaitStatus(id, "CONFIRMED");
        JsonNode order = order(id);
        assertThat(order.at("/version").asInt()).isEqualTo(2);
        assertThat(order.at("/statusHistory/1/actor").asString()).isEqualTo("inventory");
        SagaStreams.await(() -> !streams.entries("orders", "OrderConfirmed", id).isEmpty(), "OrderConfirmed");
    }

    @Test
    void missing_stock_rejects_the_order_with_the_reason_and_voids_the_payment() {
        String id = place();
        streams.publish("inventory", "StockRejected", id, "{\"orderId\":\"" + id + "\",\"reason\":\"OUT_OF_STOCK\"}");
        awaitStatus(id, "REJECTED");
        assertThat(order(id).at("/paymentStatus").asString()).isEqualTo("VOIDED");
        assertThat(order(id).at("/statusHistory/1/reason").asString()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void shipping_moves_a_confirmed_order_to_shipped_then_delivered_and_duplicates_change_nothing() {
        String id = place();
        streams.publish("inventory", "StockReserved", id, "{\"orderId\":\"" + id + "\"}");
        awaitStatus(id, "CONFIRMED");
        streams.publish(
                "shipping",
                "ShipmentDispatched",
                id,
                "{\"orderId\":\"" + id + "\",\"carrier\":\"DHL\",\"trackingNumber\":\"DHL123\"}");
        streams.publish(
                "shipping",
                "ShipmentDispatched",
                id,
                "{\"orderId\":\"" + id + "\",\"carrier\":\"DHL\",\"trackingNumber\":\"DHL123\"}");
        streams.publish("shipping", "ShipmentDelivered", id, "{\"orderId\":\"" + id + "\"}");
        awaitStatus(id, "DELIVERED");
        JsonNode order = order(id);
        assertThat(order.at("/version").asInt()).isEqualTo(4);
        assertThat(order.at("/statusHistory").size()).isEqualTo(4);
        assertThat(streams.entries("orders", "OrderShipped", id)).hasSize(1);
        // the status change's own UPDATE stamps when the order first reached each stage, at the history's time
        assertThat(db.sql("""
                                SELECT count(*) AS n FROM orders o
                                JOIN order_status_history c ON c.order_id = o.id AND c.to_status = 'CONFIRMED'
                                JOIN order_status_history s ON s.order_id = o.id AND s.to_status = 'SHIPPED'
                                JOIN order_status_history d ON d.order_id = o.id AND d.to_status = 'DELIVERED'
                                WHERE o.id = :id AND o.confirmed_at = c.at AND o.shipped_at = s.at
                                  AND o.delivered_at = d.at AND o.updated_at = d.at""")
                        .bind("id", UUID.fromString(id))
                        .map(row -> row.get("n", Long.class))
                        .one()
                        .block())
                .as("fulfilment times equal to the history's")
                .isEqualTo(1L);
    }

    @Test
    void a_customer_cancels_their_pending_order_but_not_a_shipped_one() {
        String id = place();
        JsonNode cancelled = me.execute(
                        "mutation($id: ID!) { cancelOrder(input: {orderId: $id, reason: \"Changed my mind\"}) "
                                + "{ order { status paymentStatus } userErrors { code } } }",
                        Map.of("id", id))
                .at("/data/cancelOrder");
        assertThat(cancelled.at("/order/status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.at("/order/paymentStatus").asString()).isEqualTo("VOIDED");
        SagaStreams.await(() -> !streams.entries("orders", "OrderCancelled", id).isEmpty(), "OrderCancelled");

        String shipped = place();
        streams.publish("inventory", "StockReserved", shipped, "{\"orderId\":\"" + shipped + "\"}");
        awaitStatus(shipped, "CONFIRMED");
        streams.publish(
                "shipping",
                "ShipmentDispatched",
                shipped,
                "{\"orderId\":\"" + shipped + "\",\"carrier\":\"DHL\",\"trackingNumber\":\"X\"}");
        awaitStatus(shipped, "SHIPPED");
        JsonNode refused = me.execute(
                        "mutation($id: ID!) { cancelOrder(input: {orderId: $id}) { order { id } userErrors { code } } }",
                        Map.of("id", shipped))
                .at("/data/cancelOrder");
        assertThat(refused.at("/userErrors/0/code").asString()).isEqualTo("ORDER_NOT_CANCELLABLE");

        JsonNode stranger = as(TestTokens.customer(UUID.randomUUID()))
                .execute(
                        "mutation($id: ID!) { cancelOrder(input: {orderId: $id}) { order { id } userErrors { code } } }",
                        Map.of("id", shipped));
        assertThat(stranger.at("/data/cancelOrder/userErrors/0/code").asString())
                .as("another customer's order is cancelled as an unknown one would be")
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void a_paid_order_that_is_cancelled_is_due_a_refund() {
        String id = place();
        GraphQlClient sales = as(TestTokens.staff("sales"));
        JsonNode paid = sales.execute(
                "mutation($id: ID!) { recordPayment(input: {orderId: $id, amount: \"20.00\", "
                        + "reference: \"psp-1\"}) { order { paymentStatus } userErrors { code } } }",
                Map.of("id", id));
        assertThat(paid.at("/data/recordPayment/order/paymentStatus").asString())
                .isEqualTo("PAID");
        JsonNode cancelled = sales.execute(
                        "mutation($id: ID!) { cancelOrder(input: {orderId: $id}) "
                                + "{ order { status paymentStatus } } }",
                        Map.of("id", id))
                .at("/data/cancelOrder/order");
        assertThat(cancelled.at("/paymentStatus").asString()).isEqualTo("REFUND_DUE");
        assertThat(cancelled.at("/status").asString()).isEqualTo("CANCELLED");
    }
}
