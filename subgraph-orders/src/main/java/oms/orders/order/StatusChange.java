package oms.orders.order;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of an order's status history: who moved it where, when and why. */
public record StatusChange(
        UUID orderId, int version, OrderStatus from, OrderStatus to, String actor, String reason, OffsetDateTime at) {}
