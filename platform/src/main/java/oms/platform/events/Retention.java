package oms.platform.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Deletes what is kept only for a while (sent outbox rows, processed-event records, idempotency keys
 * …), every {@code interval}, by the {@link Rule}s of the service. Safe with several instances: a run
 * happens under a transaction-scoped advisory lock, so only one instance deletes at a time and the
 * others skip that round.
 */
public class Retention extends BackgroundWorker {

    /** Rows of {@code table} whose {@code column} is older than {@code keep} go; both names are constants of the code. */
    public record Rule(String table, String column, Duration keep) {
        String sql() {
            return "DELETE FROM " + table + " WHERE " + column + " < now() - make_interval(secs => :seconds)";
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** Any fixed number that no other advisory lock of the services uses. */
    private static final long LOCK = 0x6f6d735f72657465L;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final List<Rule> rules;
    private final Duration interval;

    public Retention(DatabaseClient db, TransactionalOperator tx, List<Rule> rules, Duration interval) {
        super("retention");
        this.db = db;
        this.tx = tx;
        this.rules = List.copyOf(rules);
        this.interval = interval;
    }

    /** One round: rows deleted per table, or empty when another instance held the lock. */
    public Map<String, Long> runOnce() {
        Mono<Map<String, Long>> round = db.sql("SELECT pg_try_advisory_xact_lock(:lock) AS locked")
                .bind("lock", LOCK)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> {
                    if (!locked) {
                        return Mono.just(Map.<String, Long>of());
                    }
                    Map<String, Long> deleted = new LinkedHashMap<>();
                    Mono<Void> all = Mono.empty();
                    for (Rule rule : rules) {
                        all = all.then(db.sql(rule.sql())
                                .bind("seconds", (double) rule.keep().toSeconds())
                                .fetch()
                                .rowsUpdated()
                                .doOnNext(n -> deleted.merge(rule.table(), n, Long::sum))
                                .then());
                    }
                    return all.thenReturn(deleted);
                });
        return tx.transactional(round).block();
    }

    @Override
    protected void loop() {
        while (running) {
            sleep(interval.toMillis());
            if (!running) {
                return;
            }
            try {
                Map<String, Long> deleted = runOnce();
                if (deleted.values().stream().anyMatch(n -> n > 0)) {
                    log.info("Retention deleted {}", deleted);
                }
            } catch (RuntimeException e) {
                log.warn("Retention round failed, trying again in {}: {}", interval, e.getMessage());
            }
        }
    }
}
