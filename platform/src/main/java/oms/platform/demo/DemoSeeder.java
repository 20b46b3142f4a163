package oms.platform.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Seeds a service's slice of {@link DemoData} into an empty database before the service reports
 * ready. Each subclass writes its tables with one multi-row (unnest) statement per table, all in one
 * transaction, so a failed seed leaves nothing behind and a restart seeds again.
 */
public abstract class DemoSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    protected final DatabaseClient db;
    private final TransactionalOperator tx;
    private final String guardTable;

    /** @param guardTable a table that is empty exactly when this service has not been seeded */
    protected DemoSeeder(DatabaseClient db, TransactionalOperator tx, String guardTable) {
        this.db = db;
        this.tx = tx;
        this.guardTable = guardTable;
    }

    @Override
    public final void run(ApplicationArguments args) {
        Boolean seeded = db.sql("SELECT EXISTS (SELECT 1 FROM " + guardTable + ") AS seeded")
                .map(row -> row.get("seeded", Boolean.class))
                .one()
                .block();
        if (Boolean.TRUE.equals(seeded)) {
            return;
        }
        String summary =
                seed(DemoData.generate(Instant.now())).as(tx::transactional).block();
        log.info("Seeded {}", summary);
    }

    /** Inserts this service's part of the demo data; answers a summary for the log. */
    protected abstract Mono<String> seed(DemoData data);

    /** One column of a multi-row insert: the values of {@code rows} as an array to bind. */
    protected static <T, R> R[] column(List<T> rows, Function<T, R> value, IntFunction<R[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    protected static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
