package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import oms.stack.OmsStack;
import oms.stack.drill.Drill;
import org.junit.jupiter.api.Test;

/**
 * Two scenarios of `./oms drill`, short, under the drill's steady load of reads, single orders,
 * batches and a resuming subscription: shipping hangs for 8 s, inventory is killed during a batch. In
 * each, clients get whole or degraded answers (SERVICE_UNAVAILABLE only), nothing acknowledged is
 * lost, nothing is decided twice, the subscription misses nothing, and the stack recovers.
 */
class DrillIT {

    @Test
    void a_hung_shipping_service_and_a_killed_inventory_service_lose_nothing() {
        OmsStack stack = RunningStack.get();
        List<Drill.Outcome> outcomes = Drill.runScenarios(
                stack,
                List.of(
                        // longer than the router's upstream timeout (5 s): reads during the hang are answered degraded
                        Drill.hang(stack, "shipping", Duration.ofSeconds(8)), Drill.kill(stack, "inventory")));
        assertThat(outcomes).hasSize(2);
        for (Drill.Outcome outcome : outcomes) {
            assertThat(outcome.acknowledged()).as(outcome.toString()).isPositive();
            assertThat(outcome.lost()).as(outcome.toString()).isZero();
            assertThat(outcome.duplicated()).as(outcome.toString()).isZero();
            assertThat(outcome.missed()).as(outcome.toString()).isZero();
            assertThat(outcome.failed()).as(outcome.toString()).isZero();
            assertThat(outcome.codes()).as(outcome.toString()).matches("-|SERVICE_UNAVAILABLE=\\d+");
            assertThat(outcome.recovered()).as(outcome.toString()).isLessThan(Duration.ofSeconds(60));
        }
        assertThat(outcomes.getFirst().degraded())
                .as("reads while shipping hung")
                .isPositive();
    }
}
