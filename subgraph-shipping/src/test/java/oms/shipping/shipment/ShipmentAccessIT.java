package oms.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoShipment;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import oms.shipping.SeededDemo;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@SeededDemo
class ShipmentAccessIT extends SubgraphIT {

    private static final DemoData DEMO = DemoData.generate(Instant.now());
    private static final DemoShipment MINE = DEMO.shipments().getFirst();
    private static final DemoShipment THEIRS = DEMO.shipments().stream()
            .filter(s -> !s.customerId().equals(MINE.customerId()) && s.trackingNumber() != null)
            .findFirst()
            .orElseThrow();

    private GraphQlClient me() {
        return as(TestTokens.customer(MINE.customerId()));
    }

    private static String code(JsonNode result) {
        return result.at("/errors/0/extensions/code").asString();
    }

    @Test
    void a_customer_follows_their_own_shipment_but_not_another_customers() {
        assertThat(me().execute("{ shipment(id: \"" + MINE.id() + "\") { id } }")
                        .at("/data/shipment/id")
                        .asString())
                .isEqualTo(MINE.id().toString());
        JsonNode other = me().execute("{ shipment(id: \"" + THEIRS.id() + "\") { id trackingNumber } }");
        assertThat(code(other)).isEqualTo("NOT_FOUND");
        JsonNode byTracking = me().execute(
                        "{ shipmentByTrackingNumber(trackingNumber: \"" + THEIRS.trackingNumber() + "\") { id } }");
        JsonNode unknownTracking =
                me().execute("{ shipmentByTrackingNumber(trackingNumber: \"NOPE0000000000\") { id } }");
        assertThat(byTracking.toString().replace(THEIRS.trackingNumber(), "?"))
                .as("another customer's tracking number answers exactly as an unknown one")
                .isEqualTo(unknownTracking.toString().replace("NOPE0000000000", "?"));
        assertThat(other.at("/data/shipment").isNull()).isTrue();
        assertThat(code(me().execute("{ shipments { edges { cursor } } }"))).isEqualTo("FORBIDDEN");
    }

    @Test
    void order_shipment_by_key_does_not_leak_another_customers_parcel() {
        JsonNode result = me().execute(
                        "query($r: [_Any!]!) { _entities(representations: $r) "
                                + "{ ... on Order { id shipment { id trackingNumber } } } }",
                        Map.of(
                                "r",
                                List.of(
                                        Map.of(
                                                "__typename",
                                                "Order",
                                                "id",
                                                THEIRS.orderId().toString()),
                                        Map.of(
                                                "__typename",
                                                "Order",
                                                "id",
                                                MINE.orderId().toString()))));
        assertThat(result.has("errors"))
                .as("another customer's order has no shipment, as an unknown order")
                .isFalse();
        assertThat(result.at("/data/_entities/0/shipment").isNull()).isTrue();
        assertThat(result.at("/data/_entities/1/shipment/id").asString())
                .isEqualTo(MINE.id().toString());
        assertThat(result.toString()).doesNotContain(THEIRS.id().toString());
    }

    @Test
    void anonymous_callers_see_no_shipment_and_staff_see_all() {
        assertThat(code(anonymous().execute("{ shipment(id: \"" + MINE.id() + "\") { id } }")))
                .isEqualTo("UNAUTHENTICATED");
        for (String role : List.of("sales", "warehouse")) {
            assertThat(as(TestTokens.staff(role))
                            .execute("{ shipments(first: 5) { edges { cursor } } }")
                            .at("/data/shipments/edges")
                            .size())
                    .as(role)
                    .isEqualTo(5);
        }
    }
}
