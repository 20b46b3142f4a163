package oms.shipping.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoShipment;
import oms.platform.demo.DemoData.DemoShipmentEvent;
import oms.platform.demo.DemoSeeder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Seeds the demo shipments and their tracking events into an empty database: one multi-row statement per table. */
@Component
@ConditionalOnBooleanProperty("oms.demo.seed")
class ShipmentDemoSeeder extends DemoSeeder {

    ShipmentDemoSeeder(DatabaseClient db, TransactionalOperator tx) {
        super(db, tx, "shipments");
    }

    @Override
    protected Mono<String> seed(DemoData data) {
        List<DemoShipment> shipments = data.shipments();
        List<SeedEvent> events = shipments.stream()
                .flatMap(s -> IntStream.range(0, s.events().size())
                        .mapToObj(i -> new SeedEvent(s, i, s.events().get(i))))
                .toList();
        return insertShipments(shipments)
                .then(insertEvents(events))
                .thenReturn(shipments.size() + " demo shipments with " + events.size() + " tracking events");
    }

    private Mono<Long> insertShipments(List<DemoShipment> s) {
        // version counts status changes, and every demo event is one
        return db.sql("""
                        INSERT INTO shipments (id, order_id, customer_id, carrier_code, tracking_number, status, created_at,
                                               dispatched_at, delivered_at, updated_at, version)
                        SELECT id, order_id, customer_id, carrier_code, tracking_number, status, created_at,
                               dispatched_at, delivered_at, updated_at, version
                        FROM unnest(:ids::uuid[], :orderIds::uuid[], :customerIds::uuid[], :carriers::text[], :trackingNumbers::text[],
                                    :statuses::text[], :createdAt::timestamptz[], :dispatchedAt::timestamptz[],
                                    :deliveredAt::timestamptz[], :updatedAt::timestamptz[], :versions::int[])
                             AS t(id, order_id, customer_id, carrier_code, tracking_number, status, created_at,
                                  dispatched_at, delivered_at, updated_at, version)
                        ON CONFLICT DO NOTHING""")
                .bind("ids", s.stream().map(DemoShipment::id).toArray(UUID[]::new))
                .bind("orderIds", s.stream().map(DemoShipment::orderId).toArray(UUID[]::new))
                .bind("customerIds", s.stream().map(DemoShipment::customerId).toArray(UUID[]::new))
                .bind("carriers", s.stream().map(DemoShipment::carrier).toArray(String[]::new))
                .bind(
                        "trackingNumbers",
                        s.stream().map(DemoShipment::trackingNumber).toArray(String[]::new))
                .bind("statuses", s.stream().map(DemoShipment::status).toArray(String[]::new))
                .bind("createdAt", times(s, DemoShipment::createdAt))
                .bind("dispatchedAt", times(s, x -> timeOf(x, "DISPATCHED")))
                .bind("deliveredAt", times(s, x -> timeOf(x, "DELIVERED")))
                .bind("updatedAt", times(s, x -> x.events().getLast().at()))
                .bind("versions", s.stream().map(x -> x.events().size()).toArray(Integer[]::new))
                .fetch()
                .rowsUpdated();
    }

    private Mono<Long> insertEvents(List<SeedEvent> e) {
        return db.sql("""
                        INSERT INTO shipment_events (id, shipment_id, status, location, description, occurred_at)
                        SELECT id, shipment_id, status, location, description, occurred_at
                        FROM unnest(:ids::uuid[], :shipmentIds::uuid[], :statuses::text[], :locations::text[],
                                    :descriptions::text[], :occurredAt::timestamptz[])
                             AS t(id, shipment_id, status, location, description, occurred_at)
                        ON CONFLICT DO NOTHING""")
                .bind("ids", e.stream().map(SeedEvent::id).toArray(UUID[]::new))
                .bind("shipmentIds", e.stream().map(x -> x.shipment().id()).toArray(UUID[]::new))
                .bind("statuses", e.stream().map(x -> x.event().status()).toArray(String[]::new))
                .bind("locations", e.stream().map(x -> x.event().location()).toArray(String[]::new))
                .bind(
                        "descriptions",
                        e.stream().map(x -> x.event().description()).toArray(String[]::new))
                .bind("occurredAt", times(e, x -> x.event().at()))
                .fetch()
                .rowsUpdated();
    }

    private static Instant timeOf(DemoShipment shipment, String status) {
        return shipment.events().stream()
                .filter(e -> e.status().equals(status))
                .map(DemoShipmentEvent::at)
                .findFirst()
                .orElse(null);
    }

    private static <T> OffsetDateTime[] times(List<T> rows, Function<T, Instant> instant) {
        return column(rows, row -> utc(instant.apply(row)), OffsetDateTime[]::new);
    }

    /** An event with a stable id, so that seeding twice (two instances starting at once) adds nothing. */
    private record SeedEvent(DemoShipment shipment, int index, DemoShipmentEvent event) {
        UUID id() {
            return UUID.nameUUIDFromBytes((shipment.id() + "/event/" + index).getBytes(StandardCharsets.UTF_8));
        }
    }
}
