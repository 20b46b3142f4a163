package oms.shipping.shipment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a shipment is in its journey, and the moves it may make from there. Carriers do not always
 * report every step, so a shipment may jump to DELIVERED from DISPATCHED or IN_TRANSIT; once the
 * carrier has the parcel it can no longer be cancelled here.
 */
public enum ShipmentStatus {
    PENDING,
    DISPATCHED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    CANCELLED;

    /** The statuses this one may move to; empty once the journey is over. */
    public Set<ShipmentStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(DISPATCHED, CANCELLED);
            case DISPATCHED -> EnumSet.of(IN_TRANSIT, DELIVERED);
            case IN_TRANSIT -> EnumSet.of(OUT_FOR_DELIVERY, DELIVERED);
            case OUT_FOR_DELIVERY -> EnumSet.of(DELIVERED);
            case DELIVERED, CANCELLED -> EnumSet.noneOf(ShipmentStatus.class);
        };
    }

    public boolean canTransitionTo(ShipmentStatus target) {
        return next().contains(target);
    }

    /** The statuses a shipment may reach this one from. */
    public Set<ShipmentStatus> previous() {
        Set<ShipmentStatus> from = EnumSet.noneOf(ShipmentStatus.class);
        for (ShipmentStatus status : values()) {
            if (status.canTransitionTo(this)) {
                from.add(status);
            }
        }
        return from;
    }

    /**
     * On the way between dispatch and delivery: the carrier reports these as often as it scans the
     * parcel (at several hubs, on a second delivery attempt), so they may repeat without a move.
     */
    public boolean isEnRoute() {
        return this == IN_TRANSIT || this == OUT_FOR_DELIVERY;
    }

    /** The status after the move; a move the journey does not allow is a programming error here. */
    public ShipmentStatus transitionTo(ShipmentStatus target) {
        if (!canTransitionTo(target)) {
            throw new IllegalStateException("A " + this + " shipment cannot become " + target);
        }
        return target;
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Whether the carrier has (or had) the parcel, i.e. a tracking number exists. */
    public boolean isWithCarrier() {
        return this != PENDING && this != CANCELLED;
    }
}
