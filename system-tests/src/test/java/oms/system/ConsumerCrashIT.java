package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import oms.stack.LocalRedis;
import oms.stack.OmsStack;
import org.junit.jupiter.api.Test;

/**
 * A consuming service killed hard (SIGKILL: no graceful shutdown, nothing acknowledged) while it holds
 * a batch of events, then started again on the same port and database. The new process is a new
 * consumer; the dead one's unacknowledged events are reclaimed from the group (after 2 s idle in the
 * test stack) and every order still ends up decided exactly once.
 */
class ConsumerCrashIT {

    private static final int ORDERS = 300;
    // every order wants 1 or 2 units of each product: 450 units of each for the batch, so some are rejected
    private static final int STOCK = 400;
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private final OmsStack stack = RunningStack.get();

    @Test
    void inventory_killed_while_reserving_a_batch_decides_every_order_exactly_once() throws IOException {
        crashWhileConsuming("orders", "inventory", "OrderPlaced events inventory died holding");
    }

    @Test
    void orders_killed_while_applying_stock_answers_moves_every_order_exactly_once() throws IOException {
        crashWhileConsuming("inventory", "orders", "stock answers orders died holding");
    }

    /** Places a batch, kills {@code service} while it holds events of {@code stream}, restarts it, checks the saga. */
    private void crashWhileConsuming(String stream, String service, String held) throws IOException {
        SagaBatch batch = new SagaBatch(STOCK);
        awaitNothingPending(stream, service);
        batch.place(ORDERS);

        long pending = killWhileHolding(stream, service, service);
        stack.restart(service);
        batch.awaitSettled(SETTLE);

        assertThat(pending).as(held).isPositive();
        assertThat(batch.assertDecidedExactlyOnce()).isPositive();
    }

    /** Another test's leftovers would make the kill below fire too early. */
    private void awaitNothingPending(String stream, String group) {
        LocalRedis redis = stack.redis();
        SagaBatch.await("group " + group + " to have nothing pending on " + stream, Duration.ofSeconds(30),
                () -> redis.pendingCount(stream, group) == 0);
    }

    /**
     * Waits until the group has been handed events of the stream that it has not acknowledged yet (the
     * service is working on them), kills the service at that moment and answers how many events it
     * died holding: those only come back through reclaim.
     */
    private long killWhileHolding(String stream, String group, String subgraph) {
        LocalRedis redis = stack.redis();
        if (redis.awaitPending(stream, group, Duration.ofSeconds(30)) == 0) {
            throw new AssertionError(group + " never held events of " + stream + " within 30 s");
        }
        stack.kill(subgraph);
        return redis.pendingCount(stream, group);
    }
}
