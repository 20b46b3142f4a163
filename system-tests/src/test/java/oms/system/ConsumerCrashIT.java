package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import oms.stack.ConsumerHold;
import oms.stack.OmsStack;
import oms.testsupport.LocalRedis;
import org.junit.jupiter.api.Test;

/**
 * A consuming service killed hard (SIGKILL: no graceful shutdown) after it has committed the effects
 * of a batch of events but before it acknowledged them, then started again on the same port and
 * database. The new process is a new consumer; the dead one's unacknowledged events are reclaimed from
 * the group (after 2 s idle in the test stack), recognised as already processed, and every order still
 * ends up decided exactly once. The test holds the consumer at that point (the services' test-only hold
 * point) rather than racing to kill it at the right moment.
 */
class ConsumerCrashIT {

    private static final int ORDERS = 300;
    // every order wants 1 or 2 units of each product: 450 units of each for the batch, so some are rejected
    private static final int STOCK = 400;

    private final OmsStack stack = RunningStack.get();

    @Test
    void inventory_killed_while_reserving_a_batch_decides_every_order_exactly_once() throws IOException {
        crashWhileConsuming("orders", "inventory", "stream entries of OrderPlaced events inventory died holding");
    }

    @Test
    void orders_killed_while_applying_stock_answers_moves_every_order_exactly_once() throws IOException {
        crashWhileConsuming("inventory", "orders", "stream entries of stock answers orders died holding");
    }

    /** Places a batch, kills {@code service} while it holds events of {@code stream}, restarts it, checks the saga. */
    private void crashWhileConsuming(String stream, String service, String held) throws IOException {
        SagaBatch batch = new SagaBatch(STOCK);
        awaitNothingPending(stream, service);
        long pending;
        int holding;
        try (ConsumerHold hold = stack.holdBeforeAck(service, stream)) {
            batch.place(ORDERS);
            holding = hold.awaitHeld(Eventually.BATCH);
            pending = stack.redis().pendingCount(stream, service);
            stack.kill(service);
        }
        stack.restart(service);
        batch.awaitSettled(Eventually.BATCH);

        assertThat(holding).as(held).isPositive();
        assertThat(pending).as("unacknowledged when killed").isGreaterThanOrEqualTo(holding);
        assertThat(batch.assertDecidedExactlyOnce()).isPositive();
    }

    /** Another test's leftovers would be the batch held and killed below instead of this one's. */
    private void awaitNothingPending(String stream, String group) {
        LocalRedis redis = stack.redis();
        Eventually.await(
                "group " + group + " to have nothing pending on " + stream,
                () -> redis.pendingCount(stream, group) == 0);
    }
}
