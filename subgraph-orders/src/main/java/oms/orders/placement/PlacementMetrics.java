package oms.orders.placement;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code oms.orders.placed} (orders created, by {@code mode}: {@code single} for createOrder,
 * {@code batch} for createOrders; replays of an idempotency key create nothing and count nothing)
 * and {@code oms.orders.batch.size} (orders per createOrders call, valid or not).
 */
@Component
public class PlacementMetrics {

    /** Which mutation placed the orders. */
    public enum Mode {
        SINGLE,
        BATCH
    }

    private final Counter single;
    private final Counter batch;
    private final DistributionSummary batchSize;

    PlacementMetrics(MeterRegistry meters) {
        single = placed(meters, "single");
        batch = placed(meters, "batch");
        batchSize = DistributionSummary.builder("oms.orders.batch.size")
                .description("Orders per createOrders call")
                .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000)
                .register(meters);
    }

    private static Counter placed(MeterRegistry meters, String mode) {
        return Counter.builder("oms.orders.placed")
                .tag("mode", mode)
                .description("Orders created (replays of an idempotency key not counted)")
                .register(meters);
    }

    void created(Mode mode, int orders) {
        if (orders > 0) {
            (mode == Mode.BATCH ? batch : single).increment(orders);
        }
    }

    void batchOf(int orders) {
        batchSize.record(orders);
    }
}
