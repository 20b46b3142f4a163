package oms.shipping.carrier;

import io.r2dbc.spi.Readable;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class CarrierRepository {

    private final DatabaseClient db;

    CarrierRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Carrier> findAll() {
        return db.sql("SELECT code, name, tracking_url_template FROM carriers ORDER BY name")
                .map(CarrierRepository::carrier)
                .all();
    }

    Flux<Carrier> findByCodes(Collection<String> codes) {
        return db.sql("SELECT code, name, tracking_url_template FROM carriers WHERE code = ANY(:codes)")
                .bind("codes", codes.toArray(String[]::new))
                .map(CarrierRepository::carrier)
                .all();
    }

    /** Whether we ship with the carrier of this code (codes are upper case, e.g. DHL). */
    public Mono<Boolean> exists(String code) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM carriers WHERE code = :code) AS known")
                .bind("code", code)
                .map(row -> row.get("known", Boolean.class))
                .one();
    }

    static Carrier carrier(Readable row) {
        return new Carrier(
                row.get("code", String.class),
                row.get("name", String.class),
                row.get("tracking_url_template", String.class));
    }
}
