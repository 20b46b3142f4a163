package oms.shipping.shipment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;

/**
 * A step in a shipment's journey reported by the warehouse or the carrier. Each step takes the
 * shipment to {@link #status()} and is recorded as a tracking event; inputs are trimmed here, and
 * {@link #violations()} lists what is wrong with them before anything is written.
 */
public sealed interface Step {

    int MAX_TRACKING_NUMBER = 64;
    int MAX_LOCATION = 200;
    int MAX_DESCRIPTION = 500;

    ShipmentStatus status();

    String location();

    String description();

    List<Violation> violations();

    /** The statuses a shipment must be in for this step to apply to it. */
    default Set<ShipmentStatus> appliesFrom() {
        Set<ShipmentStatus> from = EnumSet.noneOf(ShipmentStatus.class);
        from.addAll(status().previous());
        if (status().isEnRoute()) {
            from.add(status());
        }
        return from;
    }

    /** Why this step does not apply to a shipment in {@code current}; the user error's message. */
    default String refusal(ShipmentStatus current) {
        return "A " + current + " shipment cannot become " + status() + " (only from "
                + String.join(" or ", appliesFrom().stream().map(Enum::name).toList()) + ")";
    }

    /**
     * The warehouse hands the parcel to a carrier. {@code carrierCode} is optional (null keeps the
     * shipment's carrier) and case-insensitive; the tracking number is required.
     */
    record Dispatch(String carrierCode, String trackingNumber) implements Step {

        public Dispatch {
            carrierCode = carrierCode == null || carrierCode.isBlank()
                    ? null
                    : carrierCode.trim().toUpperCase(Locale.ROOT);
            trackingNumber = trimmed(trackingNumber);
        }

        @Override
        public ShipmentStatus status() {
            return ShipmentStatus.DISPATCHED;
        }

        @Override
        public String location() {
            return null;
        }

        @Override
        public String description() {
            return "Handed to the carrier";
        }

        @Override
        public List<Violation> violations() {
            List<Violation> problems = new ArrayList<>();
            if (trackingNumber == null) {
                problems.add(Violation.of(ErrorCode.INVALID_ARGUMENT, "trackingNumber", "Required"));
            } else if (trackingNumber.length() > MAX_TRACKING_NUMBER || hasControlCharacters(trackingNumber)) {
                problems.add(Violation.of(
                        ErrorCode.INVALID_ARGUMENT,
                        "trackingNumber",
                        "Must be at most " + MAX_TRACKING_NUMBER + " printable characters"));
            }
            return problems;
        }
    }

    /** The carrier scanned the parcel on its way: IN_TRANSIT or OUT_FOR_DELIVERY, as often as it happens. */
    record Scan(ShipmentStatus status, String location, String description) implements Step {

        public Scan {
            location = trimmed(location);
            description = trimmed(description);
        }

        @Override
        public List<Violation> violations() {
            List<Violation> problems = new ArrayList<>();
            if (status == null || !status.isEnRoute()) {
                problems.add(
                        Violation.of(
                                ErrorCode.INVALID_ARGUMENT,
                                "status",
                                "Must be IN_TRANSIT or OUT_FOR_DELIVERY; dispatchShipment and recordDelivery report the others"));
            }
            checkLocation(location, problems);
            if (description == null || description.length() > MAX_DESCRIPTION) {
                problems.add(Violation.of(
                        ErrorCode.INVALID_ARGUMENT, "description", "Must be 1 to " + MAX_DESCRIPTION + " characters"));
            }
            return problems;
        }
    }

    /** The parcel reached the recipient. */
    record Delivery(String location) implements Step {

        public Delivery {
            location = trimmed(location);
        }

        @Override
        public ShipmentStatus status() {
            return ShipmentStatus.DELIVERED;
        }

        @Override
        public String description() {
            return "Delivered";
        }

        @Override
        public List<Violation> violations() {
            List<Violation> problems = new ArrayList<>();
            checkLocation(location, problems);
            return problems;
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static void checkLocation(String location, List<Violation> problems) {
        if (location != null && location.length() > MAX_LOCATION) {
            problems.add(Violation.of(
                    ErrorCode.INVALID_ARGUMENT, "location", "Must be at most " + MAX_LOCATION + " characters"));
        }
    }
}
