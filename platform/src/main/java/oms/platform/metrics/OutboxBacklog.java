package oms.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * {@code oms.outbox.backlog}: outbox events not yet relayed to Redis (a pack's events each count), and
 * {@code oms.outbox.oldest.age} (seconds): how long the oldest of them has waited. A growing backlog
 * means Redis or the relay is stuck; events are not lost, only late. One indexed scan per refresh (a
 * partial index holds only unpublished rows).
 */
class OutboxBacklog implements Probe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final DatabaseClient db;
    private volatile double backlog = Double.NaN;
    private volatile double oldestAge = Double.NaN;

    OutboxBacklog(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        Gauge.builder("oms.outbox.backlog", this, o -> o.backlog)
                .description("Outbox events not yet relayed to Redis Streams")
                .register(meters);
        Gauge.builder("oms.outbox.oldest.age", this, o -> o.oldestAge)
                .description("Age of the oldest outbox event not yet relayed")
                .baseUnit("seconds")
                .register(meters);
    }

    @Override
    public void refresh() {
        Reading reading = db.sql("""
                        SELECT coalesce(sum(events), 0)::int8 AS backlog,
                               coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest
                        FROM outbox WHERE published_at IS NULL""")
                .map(row -> new Reading(row.get("backlog", Long.class), row.get("oldest", Double.class)))
                .one()
                .block(TIMEOUT);
        if (reading != null) {
            backlog = reading.backlog();
            oldestAge = reading.oldest();
        }
    }

    @Override
    public void unknown() {
        backlog = Double.NaN;
        oldestAge = Double.NaN;
    }

    private record Reading(long backlog, double oldest) {}
}
