package oms.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oms.platform.test.MetricsContract;
import oms.platform.test.SubgraphIT;
import oms.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** What an operator reads at /actuator/prometheus of shipping (the meters the README lists). */
class MetricsIT extends SubgraphIT {

    @Value("${local.management.port}")
    int management;

    @Test
    void the_management_port_serves_the_shared_and_the_shipping_meters_per_operation() {
        execute("{ carriers { name } }");
        PrometheusText scrape = MetricsContract.check(
                management,
                "shipping",
                List.of(
                        "oms_events_lag",
                        "oms_events_pending",
                        "oms_events_parked_total",
                        "oms_events_consumed_total"));
        assertThat(scrape.sum(
                        "graphql_request_seconds_count",
                        s -> s.label("graphql_operation").equals("carriers")))
                .as("the query counted under its root field")
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("oms_outbox_backlog")).isNotNull();
        assertThat(scrape.all("oms_events_lag"))
                .extracting(s -> s.label("consumer") + "/" + s.label("stream"))
                .containsExactly("shipping/orders");
    }
}
