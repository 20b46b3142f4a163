package oms.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oms.platform.test.MetricsContract;
import oms.platform.test.SubgraphIT;
import oms.testsupport.PrometheusText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** What an operator reads at /actuator/prometheus of customers (the meters the README lists). */
class MetricsIT extends SubgraphIT {

    @Value("${local.management.port}")
    int management;

    @Test
    void the_management_port_serves_the_shared_and_the_customers_meters_per_operation() {
        execute("{ customers(first: 1) { edges { node { id } } } }");
        PrometheusText scrape = MetricsContract.check(management, "customers", List.of());
        assertThat(scrape.sum(
                        "graphql_request_seconds_count",
                        s -> s.label("graphql_operation").equals("customers")))
                .as("the query counted under its root field")
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.sum("oms_outbox_backlog")).isNotNull();
    }
}
