package oms.shipping.carrier;

import io.r2dbc.spi.Readable;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

@Repository
class CarrierRepository {

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

    static Carrier carrier(Readable row) {
        return new Carrier(
                row.get("code", String.class),
                row.get("name", String.class),
                row.get("tracking_url_template", String.class));
    }
}
