package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A subgraph that hangs or dies costs only its own fields: through the real router, the order list of
 * a storefront stands while the customers service is dead or the shipping service hangs, and the
 * missing fields answer null with SERVICE_UNAVAILABLE within the router's upstream timeout (5 s).
 */
class PartialAnswersIT {

    private static final String PAGE = "{ orders(first: 5) { edges { node { number status customer { name } "
            + "lines { sku product { name } } shipment { status } } } } }";

    private static JsonNode page() {
        return RunningStack.router().withBearer(RunningStack.token("sam")).execute(PAGE);
    }

    private static List<String> codes(JsonNode response) {
        List<String> codes = new ArrayList<>();
        response.path("errors").forEach(e -> codes.add(e.at("/extensions/code").asString()));
        return codes;
    }

    @Test
    void a_dead_customers_service_leaves_the_order_list_standing() throws IOException {
        RunningStack.get();
        RunningStack.get().kill("customers");
        try {
            JsonNode response = page();
            JsonNode edges = response.at("/data/orders/edges");
            assertThat(edges.size()).as(response.toString()).isEqualTo(5);
            edges.forEach(edge -> {
                assertThat(edge.at("/node/number").asString()).startsWith("ORD-");
                assertThat(edge.at("/node/customer").isNull()).isTrue();
                assertThat(edge.at("/node/lines/0/product/name").asString()).isNotEmpty();
            });
            assertThat(codes(response)).isNotEmpty().allMatch("SERVICE_UNAVAILABLE"::equals);
            assertThat(response.toString()).doesNotContain("customers").doesNotContain("127.0.0.1");
        } finally {
            RunningStack.get().restart("customers");
        }
        JsonNode whole = page();
        assertThat(whole.has("errors")).as(whole.toString()).isFalse();
        assertThat(whole.at("/data/orders/edges/0/node/customer/name").asString())
                .isNotEmpty();
    }

    @Test
    void a_hung_shipping_service_costs_its_fields_within_the_upstream_timeout() {
        RunningStack.get();
        RunningStack.get().pause("shipping");
        try {
            long started = System.nanoTime();
            JsonNode response = page();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took)
                    .as("answered within the 5 s upstream timeout (and some slack)")
                    .isLessThan(Duration.ofSeconds(9));
            JsonNode edges = response.at("/data/orders/edges");
            assertThat(edges.size()).as(response.toString()).isEqualTo(5);
            edges.forEach(edge -> {
                assertThat(edge.at("/node/shipment").isNull()).isTrue();
                assertThat(edge.at("/node/customer/name").asString()).isNotEmpty();
            });
            assertThat(codes(response)).isNotEmpty().allMatch("SERVICE_UNAVAILABLE"::equals);
        } finally {
            RunningStack.get().resume("shipping");
        }
        GraphQlClient router = RunningStack.router().withBearer(RunningStack.token("sam"));
        Eventually.await(
                "the shipping fields to come back",
                Duration.ofSeconds(60),
                () -> !router.execute(PAGE).has("errors"));
    }
}
