package oms.orders.lifecycle;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import oms.orders.lifecycle.StatusTransitions.Applied;
import oms.orders.order.OrderStatus;
import org.springframework.stereotype.Component;

/**
 * {@code oms.orders.settle}: how long the saga took, from an order's placement until inventory's
 * answer moved it to CONFIRMED or REJECTED (tag {@code outcome}), as a histogram for percentiles.
 */
@Component
class SettleTime {

    private final Timer confirmed;
    private final Timer rejected;

    SettleTime(MeterRegistry meters) {
        confirmed = timer(meters, "confirmed");
        rejected = timer(meters, "rejected");
    }

    private static Timer timer(MeterRegistry meters, String outcome) {
        return Timer.builder("oms.orders.settle")
                .tag("outcome", outcome)
                .description("Time from order placed to CONFIRMED or REJECTED")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    void record(List<Applied> applied) {
        for (Applied a : applied) {
            if (a.from() != OrderStatus.PENDING || a.placedAt() == null) {
                continue;
            }
            Timer timer = switch (a.to()) {
                case CONFIRMED -> confirmed;
                case REJECTED -> rejected;
                default -> null;
            };
            if (timer != null) {
                timer.record(Duration.between(a.placedAt(), a.at()));
            }
        }
    }
}
