package oms.orders.tracking;

import java.time.OffsetDateTime;
import java.util.UUID;
import oms.orders.order.OrderStatus;

/**
 * One committed status change as subscribers see it. {@code seq} is its position in the status feed:
 * gapless and in commit order across all orders, so it doubles as the resume cursor. {@code traceparent}:
 * the trace the change was made in (null with tracing off), where its deliveries are recorded too.
 */
public record StatusEvent(
        long seq,
        UUID orderId,
        UUID customerId,
        long number,
        OrderStatus from,
        OrderStatus to,
        int version,
        OffsetDateTime at,
        String actor,
        String reason,
        String traceparent) {

    public StatusEvent(
            long seq,
            UUID orderId,
            UUID customerId,
            long number,
            OrderStatus from,
            OrderStatus to,
            int version,
            OffsetDateTime at,
            String actor,
            String reason) {
        this(seq, orderId, customerId, number, from, to, version, at, actor, reason, null);
    }
}
