package oms.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoShipment;
import oms.platform.test.SubgraphIT;
import oms.shipping.SeededDemo;
import oms.shipping.graphql.client.ShipmentByTrackingNumberGraphQLQuery;
import oms.shipping.graphql.client.ShipmentByTrackingNumberProjectionRoot;
import oms.shipping.graphql.client.ShipmentGraphQLQuery;
import oms.shipping.graphql.client.ShipmentProjectionRoot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.JsonNode;

/** Reads of single shipments, against the demo data seeded at start-up. */
@SeededDemo
class ShipmentIT extends SubgraphIT {

    static final DemoData DEMO = DemoData.generate(Instant.now());

    @Autowired
    DatabaseClient db;

    static DemoShipment demoShipment(String status) {
        return DEMO.shipments().stream()
                .filter(s -> s.status().equals(status))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_delivered_shipment_shows_its_carrier_journey_and_tracking_link() {
        DemoShipment demo = demoShipment("DELIVERED");
        ShipmentProjectionRoot<?, ?> projection = new ShipmentProjectionRoot<>()
                .trackingNumber()
                .trackingUrl()
                .createdAt()
                .dispatchedAt()
                .deliveredAt();
        projection.status();
        projection.order().id();
        projection.carrier().code().name();
        projection.events().occurredAt().location().description().status();
        JsonNode shipment = execute(
                        new ShipmentGraphQLQuery.Builder()
                                .id(demo.id().toString())
                                .build(),
                        projection)
                .at("/data/shipment");

        assertThat(shipment.at("/status").asString()).isEqualTo("DELIVERED");
        assertThat(shipment.at("/order/id").asString()).isEqualTo(demo.orderId().toString());
        assertThat(shipment.at("/carrier/code").asString()).isEqualTo(demo.carrier());
        assertThat(shipment.at("/carrier/name").asString()).isNotBlank();
        assertThat(shipment.at("/trackingNumber").asString()).isEqualTo(demo.trackingNumber());
        assertThat(shipment.at("/trackingUrl").asString())
                .startsWith("https://")
                .endsWith(demo.trackingNumber());
        List<String> journey = new ArrayList<>();
        shipment.at("/events").forEach(e -> journey.add(e.at("/status").asString()));
        assertThat(journey).containsExactly("PENDING", "DISPATCHED", "IN_TRANSIT", "DELIVERED");
        assertThat(shipment.at("/dispatchedAt").asString())
                .isEqualTo(shipment.at("/events/1/occurredAt").asString());
        assertThat(shipment.at("/deliveredAt").asString())
                .isEqualTo(shipment.at("/events/3/occurredAt").asString());
        assertThat(shipment.at("/events/3/location").asString()).isNotBlank();
    }

    @Test
    void a_pending_shipment_has_no_tracking_number_or_link_yet() {
        JsonNode shipment = execute(
                        "query($id: ID!) { shipment(id: $id) { status trackingNumber trackingUrl "
                                + "dispatchedAt carrier { code } events { status } } }",
                        Map.of("id", demoShipment("PENDING").id().toString()))
                .at("/data/shipment");
        assertThat(shipment.at("/status").asString()).isEqualTo("PENDING");
        assertThat(shipment.at("/trackingNumber").isNull()).isTrue();
        assertThat(shipment.at("/trackingUrl").isNull()).isTrue();
        assertThat(shipment.at("/dispatchedAt").isNull()).isTrue();
        assertThat(shipment.at("/carrier/code").asString()).isNotBlank();
        assertThat(shipment.at("/events").size()).isEqualTo(1);
    }

    @Test
    void a_customer_finds_a_shipment_by_its_tracking_number() {
        DemoShipment demo = demoShipment("IN_TRANSIT");
        ShipmentByTrackingNumberProjectionRoot<?, ?> projection = new ShipmentByTrackingNumberProjectionRoot<>().id();
        projection.status();
        JsonNode found = execute(
                        new ShipmentByTrackingNumberGraphQLQuery.Builder()
                                .trackingNumber(demo.trackingNumber())
                                .build(),
                        projection)
                .at("/data/shipmentByTrackingNumber");
        assertThat(found.at("/id").asString()).isEqualTo(demo.id().toString());
        assertThat(found.at("/status").asString()).isEqualTo("IN_TRANSIT");

        JsonNode unknown = execute("{ shipmentByTrackingNumber(trackingNumber: \"NOPE0000000000\") { id } }");
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void unknown_and_malformed_ids_are_errors_with_stable_codes() {
        JsonNode unknown = execute("{ shipment(id: \"00000000-0000-0000-0000-000000000001\") { id } }");
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
        JsonNode malformed = execute("{ shipment(id: \"42\") { id } }");
        assertThat(malformed.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(malformed.toString()).doesNotContain("Exception");
    }

    @Test
    void the_router_resolves_shipments_by_key_in_one_batch() {
        DemoShipment demo = demoShipment("DELIVERED");
        JsonNode result = entities(
                "Shipment",
                "id status carrier { code }",
                Map.of("__typename", "Shipment", "id", demo.id().toString()),
                Map.of("__typename", "Shipment", "id", "00000000-0000-0000-0000-000000000009"));
        assertThat(result.at("/data/_entities/0/status").asString()).isEqualTo("DELIVERED");
        assertThat(result.at("/data/_entities/0/carrier/code").asString()).isEqualTo(demo.carrier());
        assertThat(result.at("/data/_entities/1").isNull()).isTrue();
    }

    @Test
    void the_router_learns_which_orders_have_a_shipment() {
        DemoShipment shipped = demoShipment("IN_TRANSIT");
        String unshipped = DEMO.orders().stream()
                .filter(o -> o.status().equals("PENDING"))
                .findFirst()
                .orElseThrow()
                .id()
                .toString();
        JsonNode result = entities(
                "Order",
                "id shipment { id status trackingNumber order { id } }",
                Map.of("__typename", "Order", "id", shipped.orderId().toString()),
                Map.of("__typename", "Order", "id", unshipped),
                Map.of("__typename", "Order", "id", "00000000-0000-0000-0000-00000000000a"));
        assertThat(result.at("/errors").isMissingNode()).isTrue();
        assertThat(result.at("/data/_entities/0/shipment/id").asString())
                .isEqualTo(shipped.id().toString());
        assertThat(result.at("/data/_entities/0/shipment/trackingNumber").asString())
                .isEqualTo(shipped.trackingNumber());
        assertThat(result.at("/data/_entities/0/shipment/order/id").asString())
                .isEqualTo(shipped.orderId().toString());
        assertThat(result.at("/data/_entities/1/id").asString()).isEqualTo(unshipped);
        assertThat(result.at("/data/_entities/1/shipment").isNull()).isTrue();
        assertThat(result.at("/data/_entities/2/shipment").isNull()).isTrue();
    }

    @Test
    void every_confirmed_shipped_or_delivered_demo_order_has_a_seeded_shipment() {
        long orders = DEMO.orders().stream()
                .filter(o -> List.of("CONFIRMED", "SHIPPED", "DELIVERED").contains(o.status()))
                .count();
        long events =
                DEMO.shipments().stream().mapToLong(s -> s.events().size()).sum();
        assertThat(DEMO.shipments()).hasSize((int) orders);
        assertThat(count("SELECT count(*) AS n FROM shipments")).isEqualTo(orders);
        assertThat(count("SELECT count(*) AS n FROM shipment_events")).isEqualTo(events);
        assertThat(count("SELECT count(*) AS n FROM shipments WHERE status = 'DELIVERED' AND delivered_at IS NULL"))
                .isZero();
    }

    @Test
    void every_carrier_offers_a_tracking_page() {
        JsonNode carriers =
                execute("{ carriers { code name trackingUrlTemplate } }").at("/data/carriers");
        List<String> codes = new ArrayList<>();
        carriers.forEach(c -> {
            codes.add(c.at("/code").asString());
            assertThat(c.at("/trackingUrlTemplate").asString())
                    .startsWith("https://")
                    .contains("{trackingNumber}");
        });
        assertThat(codes).containsExactlyInAnyOrder("DHL", "UPS", "DPD", "GLS", "FEDEX");
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get("n", Long.class)).one().block();
    }
}
