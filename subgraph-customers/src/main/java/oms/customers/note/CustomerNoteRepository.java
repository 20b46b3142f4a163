package oms.customers.note;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class CustomerNoteRepository {

    private final DatabaseClient db;

    CustomerNoteRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<CustomerNote> findByCustomerIds(Collection<UUID> customerIds) {
        return db.sql("""
                        SELECT id, customer_id, author, body, created_at FROM customer_notes
                        WHERE customer_id = ANY(:ids) ORDER BY customer_id, created_at DESC, id""")
                .bind("ids", customerIds.toArray(UUID[]::new))
                .map(CustomerNoteRepository::note)
                .all();
    }

    /** Adds a note to an existing customer; empty when there is no such customer. */
    Mono<CustomerNote> insert(UUID customerId, String author, String body) {
        return db.sql("""
                        INSERT INTO customer_notes (id, customer_id, author, body)
                        SELECT :id, id, :author, :body FROM customers WHERE id = :customerId
                        RETURNING id, customer_id, author, body, created_at""")
                .bind("id", UUID.randomUUID())
                .bind("customerId", customerId)
                .bind("author", author)
                .bind("body", body)
                .map(CustomerNoteRepository::note)
                .one();
    }

    private static CustomerNote note(Readable r) {
        return new CustomerNote(
                r.get("id", UUID.class),
                r.get("customer_id", UUID.class),
                r.get("author", String.class),
                r.get("body", String.class),
                r.get("created_at", OffsetDateTime.class));
    }
}
