package oms.shipping.tracking;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import oms.shipping.shipment.ShipmentStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

@Repository
class ShipmentEventRepository {

    private final DatabaseClient db;

    ShipmentEventRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The events of many shipments, each shipment's oldest first. */
    Flux<ShipmentEvent> findByShipmentIds(Collection<UUID> shipmentIds) {
        return db.sql("""
                        SELECT shipment_id, status, location, description, occurred_at
                        FROM shipment_events WHERE shipment_id = ANY(:ids)
                        ORDER BY shipment_id, occurred_at, id""")
                .bind("ids", shipmentIds.toArray(UUID[]::new))
                .map(ShipmentEventRepository::event)
                .all();
    }

    static ShipmentEvent event(Readable row) {
        return new ShipmentEvent(
                row.get("shipment_id", UUID.class),
                ShipmentStatus.valueOf(row.get("status", String.class)),
                row.get("location", String.class),
                row.get("description", String.class),
                row.get("occurred_at", OffsetDateTime.class));
    }
}
