package oms.shipping.shipment;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import oms.platform.pagination.Cursor;
import oms.platform.pagination.PageRequest;
import oms.platform.sql.Binds;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class ShipmentRepository {

    private static final String COLUMNS =
            "id, order_id, customer_id, carrier_code, tracking_number, status, created_at, dispatched_at, delivered_at, version";

    private final DatabaseClient db;

    ShipmentRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Shipment> findAllById(Collection<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM shipments WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(ShipmentRepository::shipment)
                .all();
    }

    Flux<Shipment> findByOrderIds(Collection<UUID> orderIds) {
        return db.sql("SELECT " + COLUMNS + " FROM shipments WHERE order_id = ANY(:orderIds)")
                .bind("orderIds", orderIds.toArray(UUID[]::new))
                .map(ShipmentRepository::shipment)
                .all();
    }

    Mono<Shipment> findByTrackingNumber(String trackingNumber) {
        return db.sql("SELECT " + COLUMNS + " FROM shipments WHERE tracking_number = :trackingNumber")
                .bind("trackingNumber", trackingNumber)
                .map(ShipmentRepository::shipment)
                .one();
    }

    /** One page, newest first by (created_at, id), fetching one extra row to detect a next page. */
    Flux<Shipment> findPage(ShipmentStatus status, String carrierCode, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM shipments WHERE true");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (carrierCode != null) {
            sql.append(" AND carrier_code = :carrier");
        }
        List<String> after = page.after().map(c -> Cursor.decode(c, 2)).orElse(null);
        if (after != null) {
            sql.append(" AND (created_at, id) < (:createdAt, :id)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", page.limitPlusOne());
        if (status != null) {
            spec = spec.bind("status", status.name());
        }
        if (carrierCode != null) {
            spec = spec.bind("carrier", carrierCode);
        }
        if (after != null) {
            spec = spec.bind("createdAt", parseCursorTime(after.get(0))).bind("id", parseCursorId(after.get(1)));
        }
        return spec.map(ShipmentRepository::shipment).all();
    }

    /**
     * Takes a shipment one step on and records the step as a tracking event, in one statement. The
     * WHERE clause is the whole concurrency guard: the row lock makes concurrent steps queue, and each
     * re-checks the status the previous one committed, so of two dispatches exactly one applies.
     * Empty when the shipment is unknown or not in a status the step applies from.
     */
    Mono<Shipment> move(UUID id, Step step) {
        String carrierCode = step instanceof Step.Dispatch dispatch ? dispatch.carrierCode() : null;
        String trackingNumber = step instanceof Step.Dispatch dispatch ? dispatch.trackingNumber() : null;
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        WITH t AS (SELECT clock_timestamp() AS at),
                        moved AS (
                            UPDATE shipments s
                            SET status          = :status,
                                carrier_code    = coalesce(:carrierCode, s.carrier_code),
                                tracking_number = coalesce(:trackingNumber, s.tracking_number),
                                dispatched_at   = CASE WHEN :status = 'DISPATCHED' THEN t.at ELSE s.dispatched_at END,
                                delivered_at    = CASE WHEN :status = 'DELIVERED' THEN t.at ELSE s.delivered_at END,
                                updated_at      = t.at,
                                version         = s.version + 1
                            FROM t
                            WHERE s.id = :id AND s.status = ANY(:from::text[])
                            RETURNING s.id, s.order_id, s.customer_id, s.carrier_code, s.tracking_number, s.status,
                                      s.created_at, s.dispatched_at, s.delivered_at, s.updated_at, s.version
                        ), recorded AS (
                            INSERT INTO shipment_events (id, shipment_id, status, location, description, occurred_at)
                            SELECT :eventId, id, status, :location, :description, updated_at FROM moved
                        )
                        SELECT * FROM moved""")
                .bind("id", id)
                .bind("status", step.status().name())
                .bind("from", step.appliesFrom().stream().map(Enum::name).toArray(String[]::new))
                .bind("eventId", UUID.randomUUID())
                .bind("description", step.description());
        spec = Binds.nullable(spec, "carrierCode", carrierCode, String.class);
        spec = Binds.nullable(spec, "trackingNumber", trackingNumber, String.class);
        spec = Binds.nullable(spec, "location", step.location(), String.class);
        return spec.map(ShipmentRepository::shipment).one();
    }

    static String cursorOf(Shipment s) {
        return Cursor.encode(s.createdAt().toString(), s.id().toString());
    }

    static Shipment shipment(Readable row) {
        return new Shipment(
                row.get("id", UUID.class),
                row.get("order_id", UUID.class),
                row.get("customer_id", UUID.class),
                row.get("carrier_code", String.class),
                row.get("tracking_number", String.class),
                ShipmentStatus.valueOf(row.get("status", String.class)),
                row.get("created_at", OffsetDateTime.class),
                row.get("dispatched_at", OffsetDateTime.class),
                row.get("delivered_at", OffsetDateTime.class),
                row.get("version", Integer.class));
    }

    private static OffsetDateTime parseCursorTime(String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw Cursor.invalid();
        }
    }

    private static UUID parseCursorId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Cursor.invalid();
        }
    }
}
