package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import oms.stack.OmsStack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The stack supervised as `./oms up` supervises it: a subgraph and the router killed hard come back by
 * themselves, each announced in one line, while the rest keeps serving.
 */
class SelfHealingIT {

    private static final String PAGE = "{ orders(first: 3) { edges { node { number status shipment { status } } } } }";

    private final OmsStack stack = RunningStack.get();

    @Test
    void a_killed_subgraph_and_a_killed_router_are_started_again_while_the_rest_serves() {
        List<String> lines = new CopyOnWriteArrayList<>();
        stack.superviseWith(lines::add);
        try {
            long shippingPid = stack.processes().get("shipping").pid();
            stack.kill("shipping");
            // meanwhile: the order list stands, only the shipments are missing
            JsonNode degraded = page();
            assertThat(degraded.at("/data/orders/edges").size())
                    .as(degraded.toString())
                    .isEqualTo(3);
            Eventually.await(
                    "shipping to be back",
                    () -> lines.contains("shipping is back")
                            || lines.stream().anyMatch(l -> l.startsWith("shipping is back")));
            assertThat(lines.getFirst()).isEqualTo("shipping stopped unexpectedly; starting it again in 1 s");
            assertThat(stack.processes().get("shipping").pid()).isNotEqualTo(shippingPid);
            Eventually.await("whole answers again", () -> !page().has("errors"));

            stack.kill("router");
            Eventually.await(
                    "the router to be back", () -> lines.stream().anyMatch(l -> l.startsWith("router is back")));
            JsonNode whole = page();
            assertThat(whole.has("errors")).as(whole.toString()).isFalse();
            assertThat(lines).hasSize(4);
        } finally {
            stack.stopSupervising();
        }
    }

    private static JsonNode page() {
        return RunningStack.router().withBearer(RunningStack.token("sam")).execute(PAGE);
    }
}
