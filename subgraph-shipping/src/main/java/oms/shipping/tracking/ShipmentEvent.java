package oms.shipping.tracking;

import java.time.OffsetDateTime;
import java.util.UUID;
import oms.shipping.shipment.ShipmentStatus;

/** One step of a shipment's journey: the status it reached, where and when. */
public record ShipmentEvent(
        UUID shipmentId, ShipmentStatus status, String location, String description, OffsetDateTime occurredAt) {}
