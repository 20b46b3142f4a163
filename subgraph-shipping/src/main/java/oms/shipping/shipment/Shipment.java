package oms.shipping.shipment;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One order's parcel. The carrier and tracking events are separate values, loaded in batches when
 * a query asks for them. {@code customerId} is the order's customer, so access can be checked here.
 * {@code version} counts the recorded tracking events (every status change is one).
 */
public record Shipment(
        UUID id,
        UUID orderId,
        UUID customerId,
        String carrierCode,
        String trackingNumber,
        ShipmentStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime dispatchedAt,
        OffsetDateTime deliveredAt,
        int version) {}
