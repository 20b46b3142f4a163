package oms.shipping.order;

import java.util.List;
import java.util.UUID;
import oms.platform.id.TimeOrderedIds;
import oms.shipping.order.OrderEventHandler.NewShipment;
import oms.shipping.shipment.ShipmentStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Opens and cancels the shipments of many orders at once: one statement per batch of events, which
 * writes the shipments and their tracking events together.
 */
@Repository
class OrderShipmentsRepository {

    static final String OPENED = "Shipment created, awaiting dispatch";
    static final String CANCELLED = "Order cancelled before dispatch";

    private final DatabaseClient db;

    OrderShipmentsRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * A PENDING shipment for each order that has none yet: an order never gets a second one. The
     * orders are distinct (the handler keeps the first event of each).
     */
    Mono<Void> open(List<NewShipment> shipments) {
        if (shipments.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        WITH t AS (SELECT clock_timestamp() AS at),
                        wanted AS (
                            SELECT * FROM unnest(:ids::uuid[], :eventIds::uuid[], :orderIds::uuid[], :customerIds::uuid[],
                                                 :carriers::text[])
                                   AS o(id, event_id, order_id, customer_id, carrier_code)),
                        opened AS (
                            INSERT INTO shipments (id, order_id, customer_id, carrier_code, status, created_at, updated_at)
                            SELECT o.id, o.order_id, o.customer_id, o.carrier_code, 'PENDING', t.at, t.at
                            FROM wanted o, t
                            ON CONFLICT (order_id) DO NOTHING
                            RETURNING id, order_id, status, created_at
                        )
                        INSERT INTO shipment_events (id, shipment_id, status, description, occurred_at)
                        SELECT w.event_id, s.id, s.status, :description, s.created_at
                        FROM opened s JOIN wanted w ON w.order_id = s.order_id""")
                // time-ordered ids: the shipments' and their events' keys grow at the indexes' right edge
                .bind("ids", shipments.stream().map(s -> TimeOrderedIds.next()).toArray(UUID[]::new))
                .bind(
                        "eventIds",
                        shipments.stream().map(s -> TimeOrderedIds.next()).toArray(UUID[]::new))
                .bind("orderIds", shipments.stream().map(NewShipment::orderId).toArray(UUID[]::new))
                .bind(
                        "customerIds",
                        shipments.stream().map(NewShipment::customerId).toArray(UUID[]::new))
                .bind(
                        "carriers",
                        shipments.stream().map(NewShipment::carrierCode).toArray(String[]::new))
                .bind("description", OPENED)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** The shipments of these orders that may still be cancelled (not yet with the carrier) are cancelled. */
    Mono<Void> cancel(List<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        WITH t AS (SELECT clock_timestamp() AS at),
                        cancelled AS (
                            UPDATE shipments s
                            SET status = 'CANCELLED', updated_at = t.at, version = s.version + 1
                            FROM t
                            WHERE s.order_id = ANY(:orderIds) AND s.status = ANY(:from::text[])
                            RETURNING s.id, s.status, s.updated_at
                        )
                        INSERT INTO shipment_events (id, shipment_id, status, description, occurred_at)
                        SELECT gen_random_uuid(), id, status, :description, updated_at FROM cancelled""")
                .bind("orderIds", orderIds.toArray(UUID[]::new))
                .bind(
                        "from",
                        ShipmentStatus.CANCELLED.previous().stream()
                                .map(Enum::name)
                                .toArray(String[]::new))
                .bind("description", CANCELLED)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
