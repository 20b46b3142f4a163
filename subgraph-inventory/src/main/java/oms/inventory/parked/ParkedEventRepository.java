package oms.inventory.parked;

import java.time.OffsetDateTime;
import java.util.UUID;
import oms.inventory.graphql.types.ParkedEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** Reads the platform's parked_events table; a read model with no rules, so rows map straight to the schema type. */
@Repository
class ParkedEventRepository {

    private final DatabaseClient db;

    ParkedEventRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<ParkedEvent> findNewest(int limit) {
        return db.sql("""
                        SELECT consumer, stream, event_id, type, error, deliveries, parked_at FROM parked_events
                        ORDER BY parked_at DESC, id DESC LIMIT :limit""")
                .bind("limit", limit)
                .map(row -> {
                    UUID eventId = row.get("event_id", UUID.class);
                    return ParkedEvent.newBuilder().consumer(row.get("consumer", String.class)).stream(
                                    row.get("stream", String.class))
                            .eventId(eventId == null ? null : eventId.toString())
                            .type(row.get("type", String.class))
                            .error(row.get("error", String.class))
                            .deliveries(row.get("deliveries", Integer.class))
                            .parkedAt(row.get("parked_at", OffsetDateTime.class))
                            .build();
                })
                .all();
    }
}
