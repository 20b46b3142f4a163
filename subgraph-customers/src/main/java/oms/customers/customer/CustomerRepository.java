package oms.customers.customer;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Arrays;
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
class CustomerRepository {

    private static final String COLUMNS =
            "id, email, first_name, last_name, phone, status, tags, subject, created_at, updated_at";

    private final DatabaseClient db;

    CustomerRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Customer> findAllById(Collection<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM customers WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(CustomerRepository::customer)
                .all();
    }

    /** One page ordered by (last name, first name, id), fetching one extra row to detect a next page. */
    Flux<Customer> findPage(String search, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM customers WHERE true");
        if (search != null && !search.isBlank()) {
            sql.append(" AND (first_name || ' ' || last_name ILIKE :pattern OR email ILIKE :pattern)");
        }
        List<String> after = page.after().map(c -> Cursor.decode(c, 3)).orElse(null);
        if (after != null) {
            sql.append(" AND (last_name, first_name, id) > (:lastName, :firstName, :id)");
        }
        sql.append(" ORDER BY last_name, first_name, id LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", page.limitPlusOne());
        if (search != null && !search.isBlank()) {
            spec = spec.bind("pattern", Binds.containing(search));
        }
        if (after != null) {
            spec = spec.bind("lastName", after.get(0))
                    .bind("firstName", after.get(1))
                    .bind("id", parseCursorId(after.get(2)));
        }
        return spec.map(CustomerRepository::customer).all();
    }

    static String cursorOf(Customer c) {
        return Cursor.encode(c.lastName(), c.firstName(), c.id().toString());
    }

    Mono<Customer> findBySubject(String subject) {
        return db.sql("SELECT " + COLUMNS + " FROM customers WHERE subject = :subject")
                .bind("subject", subject)
                .map(CustomerRepository::customer)
                .one();
    }

    /** Inserts a customer; {@code subject} links it to a login account (null for staff-registered ones). */
    Mono<Customer> insert(UUID id, CustomerDraft draft, String subject) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO customers (id, email, first_name, last_name, phone, tags, subject)
                        VALUES (:id, :email, :firstName, :lastName, :phone, :tags, :subject)
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("email", draft.email())
                .bind("firstName", draft.firstName())
                .bind("lastName", draft.lastName())
                .bind("tags", draft.tags().toArray(String[]::new));
        spec = Binds.nullable(spec, "subject", subject, String.class);
        return Binds.nullable(spec, "phone", draft.phone(), String.class)
                .map(CustomerRepository::customer)
                .one();
    }

    Mono<Customer> update(UUID id, CustomerDraft draft, CustomerStatus status) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE customers SET email = :email, first_name = :firstName, last_name = :lastName,
                               phone = :phone, tags = :tags, status = :status, updated_at = now(), version = version + 1
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("email", draft.email())
                .bind("firstName", draft.firstName())
                .bind("lastName", draft.lastName())
                .bind("tags", draft.tags().toArray(String[]::new))
                .bind("status", status.name());
        return Binds.nullable(spec, "phone", draft.phone(), String.class)
                .map(CustomerRepository::customer)
                .one();
    }

    static Customer customer(Readable row) {
        String[] tags = row.get("tags", String[].class);
        return new Customer(
                row.get("id", UUID.class),
                row.get("email", String.class),
                row.get("first_name", String.class),
                row.get("last_name", String.class),
                row.get("phone", String.class),
                CustomerStatus.valueOf(row.get("status", String.class)),
                tags == null ? List.of() : Arrays.asList(tags),
                row.get("subject", String.class),
                row.get("created_at", OffsetDateTime.class),
                row.get("updated_at", OffsetDateTime.class));
    }

    private static UUID parseCursorId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw Cursor.invalid();
        }
    }
}
