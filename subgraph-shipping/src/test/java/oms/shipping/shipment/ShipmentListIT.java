package oms.shipping.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oms.platform.test.SubgraphIT;
import oms.shipping.SeededDemo;
import oms.shipping.graphql.client.ShipmentsGraphQLQuery;
import oms.shipping.graphql.client.ShipmentsProjectionRoot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The shipments list over the seeded demo data: paging, filters and the cost of a page. */
@SeededDemo
class ShipmentListIT extends SubgraphIT {

    private static final String PAGE = """
            query($first: Int, $after: String, $status: ShipmentStatus, $carrier: String) {
              shipments(first: $first, after: $after, status: $status, carrier: $carrier) {
                edges { cursor node { id status createdAt carrier { code } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    /** Every node of every page, following endCursor until hasNextPage is false. */
    private List<JsonNode> walk(int first, String status, String carrier) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", first);
            variables.put("after", after);
            variables.put("status", status);
            variables.put("carrier", carrier);
            JsonNode page = execute(PAGE, variables).at("/data/shipments");
            page.at("/edges").forEach(e -> nodes.add(e.at("/node")));
            more = page.at("/pageInfo/hasNextPage").asBoolean();
            after = page.at("/pageInfo/endCursor").asString();
        }
        return nodes;
    }

    @Test
    void pages_walk_every_shipment_once_newest_first() {
        List<JsonNode> nodes = walk(100, null, null);
        List<String> ids = nodes.stream().map(n -> n.at("/id").asString()).toList();
        assertThat(ids)
                .doesNotHaveDuplicates()
                .hasSize(ShipmentIT.DEMO.shipments().size());
        List<String> created =
                nodes.stream().map(n -> n.at("/createdAt").asString()).toList();
        for (int i = 1; i < created.size(); i++) {
            assertThat(OffsetDateTime.parse(created.get(i)))
                    .isBeforeOrEqualTo(OffsetDateTime.parse(created.get(i - 1)));
        }
    }

    @Test
    void small_pages_see_the_same_shipments_as_large_ones() {
        List<String> small = walk(7, "PENDING", null).stream()
                .map(n -> n.at("/id").asString())
                .toList();
        List<String> large = walk(100, "PENDING", null).stream()
                .map(n -> n.at("/id").asString())
                .toList();
        assertThat(small).isNotEmpty().isEqualTo(large);
    }

    @Test
    void the_status_filter_lists_only_shipments_in_that_status() {
        long delivered = ShipmentIT.DEMO.shipments().stream()
                .filter(s -> s.status().equals("DELIVERED"))
                .count();
        List<JsonNode> nodes = walk(100, "DELIVERED", null);
        assertThat(nodes)
                .hasSize((int) delivered)
                .allSatisfy(n -> assertThat(n.at("/status").asString()).isEqualTo("DELIVERED"));
    }

    @Test
    void the_carrier_filter_takes_a_carrier_code_in_any_case() {
        long dhl = ShipmentIT.DEMO.shipments().stream()
                .filter(s -> s.carrier().equals("DHL"))
                .count();
        List<JsonNode> nodes = walk(100, null, "dhl");
        assertThat(nodes)
                .hasSize((int) dhl)
                .allSatisfy(n -> assertThat(n.at("/carrier/code").asString()).isEqualTo("DHL"));
    }

    @Test
    void the_generated_client_reads_a_page() {
        ShipmentsProjectionRoot<?, ?> projection = new ShipmentsProjectionRoot<>();
        projection.edges().node().id().trackingUrl();
        projection.pageInfo().hasNextPage().endCursor();
        JsonNode page = execute(
                        ShipmentsGraphQLQuery.newRequest()
                                .first(3)
                                .status(ShipmentStatus.IN_TRANSIT)
                                .build(),
                        projection)
                .at("/data/shipments");
        assertThat(page.at("/edges").size()).isEqualTo(3);
        assertThat(page.at("/edges/0/node/trackingUrl").asString()).startsWith("https://");
        assertThat(page.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
    }

    @Test
    void page_size_and_cursor_are_checked() {
        assertThat(execute("{ shipments(first: 101) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(execute("{ shipments(first: -1) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(execute("{ shipments(after: \"bm9wZQ\") { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("INVALID_CURSOR");
        // well-formed cursor envelope, but not a time and id
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("c1\u001fyesterday\u001fsomeone".getBytes(StandardCharsets.UTF_8));
        assertThat(execute("query($a: String) { shipments(after: $a) { edges { cursor } } }", Map.of("a", forged))
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("INVALID_CURSOR");
    }

    @Test
    void a_page_costs_the_same_number_of_statements_whatever_its_size() {
        String everything = """
                query($first: Int) { shipments(first: $first) { edges { node {
                  id trackingUrl carrier { name } events { status occurredAt } order { shipment { id } }
                } } } }""";
        long small = statementsFor(everything, 2);
        long large = statementsFor(everything, 100);
        // the page, its carriers, its events, and the shipments of its orders: one statement each
        assertThat(large).isEqualTo(small).isEqualTo(4);
    }

    private long statementsFor(String query, int first) {
        Measured page = measured(query, Map.of("first", first));
        assertThat(page.result().at("/data/shipments/edges").size()).isEqualTo(first);
        return page.statements();
    }
}
