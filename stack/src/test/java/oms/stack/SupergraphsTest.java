package oms.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SupergraphsTest {

    private static final String SUPERGRAPH = """
            enum join__Graph {
              CUSTOMERS @join__graph(name: "customers", url: "http://localhost:8081/graphql")
              ORDERS @join__graph(name: "orders", url: "http://localhost:8083/graphql")
            }""";

    @Test
    void every_subgraph_url_points_at_the_port_the_stack_uses() {
        String rewritten = Supergraphs.withPorts(SUPERGRAPH, Map.of("customers", 41001, "orders", 41003));
        assertThat(rewritten)
                .contains("url: \"http://localhost:41001/graphql\"")
                .contains("url: \"http://localhost:41003/graphql\"")
                .doesNotContain("8081")
                .doesNotContain("8083");
    }

    @Test
    void a_subgraph_without_a_port_is_an_error_not_a_silent_default() {
        assertThatThrownBy(() -> Supergraphs.withPorts(SUPERGRAPH, Map.of("customers", 41001)))
                .hasMessageContaining("orders");
    }
}
