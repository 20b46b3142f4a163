package oms.inventory.reservation;

import java.util.List;
import java.util.UUID;

/** The events of the {@code orders} stream that move stock; the others are not inventory's business. */
sealed interface OrderEvent {

    UUID orderId();

    /** Reserve every line or none. Lines for the same product count together. */
    record Placed(UUID orderId, List<OrderLine> lines) implements OrderEvent {
        public Placed {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }
    }

    /** Release the order's reservation, if it has one. */
    record Cancelled(UUID orderId) implements OrderEvent {}

    /** The reserved units leave the warehouse. */
    record Shipped(UUID orderId) implements OrderEvent {}
}
