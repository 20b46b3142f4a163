package oms.shipping.carrier;

/**
 * Which carrier a new shipment is booked with. Orders carry no shipping preference (the
 * {@code OrderConfirmed} event names only the order and its customer), so every shipment opens with
 * our default carrier, DHL; the warehouse may hand the parcel to another carrier when it dispatches it.
 */
public final class CarrierPolicy {

    /** Must be one of the carriers that the schema migration ships with. */
    public static final String DEFAULT_CARRIER = "DHL";

    private CarrierPolicy() {}

    public static String carrierForNewShipment() {
        return DEFAULT_CARRIER;
    }
}
