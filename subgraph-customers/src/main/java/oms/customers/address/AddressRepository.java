package oms.customers.address;

import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.UUID;
import oms.platform.sql.Binds;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class AddressRepository {

    private final DatabaseClient db;

    AddressRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Address> findByCustomerIds(Collection<UUID> customerIds) {
        return db.sql("""
                        SELECT id, customer_id, label, line1, line2, city, postal_code, country, is_default
                        FROM addresses WHERE customer_id = ANY(:ids)
                        ORDER BY customer_id, is_default DESC, created_at, id""")
                .bind("ids", customerIds.toArray(UUID[]::new))
                .map(AddressRepository::address)
                .all();
    }

    /** Adds an address; a new default address takes the default flag from the previous one. */
    public Mono<Address> insert(UUID customerId, AddressDraft draft) {
        Mono<Long> clearDefault = draft.isDefault()
                ? db.sql("UPDATE addresses SET is_default = false WHERE customer_id = :customerId AND is_default")
                        .bind("customerId", customerId)
                        .fetch()
                        .rowsUpdated()
                : Mono.just(0L);
        DatabaseClient.GenericExecuteSpec insert = db.sql("""
                        INSERT INTO addresses (id, customer_id, label, line1, line2, city, postal_code, country, is_default)
                        VALUES (:id, :customerId, :label, :line1, :line2, :city, :postalCode, :country, :isDefault)
                        RETURNING id, customer_id, label, line1, line2, city, postal_code, country, is_default""")
                .bind("id", UUID.randomUUID())
                .bind("customerId", customerId)
                .bind("line1", draft.line1())
                .bind("city", draft.city())
                .bind("postalCode", draft.postalCode())
                .bind("country", draft.country())
                .bind("isDefault", draft.isDefault());
        insert = Binds.nullable(insert, "label", draft.label(), String.class);
        insert = Binds.nullable(insert, "line2", draft.line2(), String.class);
        return clearDefault.then(insert.map(AddressRepository::address).one());
    }

    static Address address(Readable row) {
        return new Address(
                row.get("id", UUID.class),
                row.get("customer_id", UUID.class),
                row.get("label", String.class),
                row.get("line1", String.class),
                row.get("line2", String.class),
                row.get("city", String.class),
                row.get("postal_code", String.class),
                row.get("country", String.class),
                Boolean.TRUE.equals(row.get("is_default", Boolean.class)));
    }
}
