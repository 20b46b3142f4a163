package oms.platform.events;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import oms.platform.tracing.EventTracing;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Makes {@link EventConsumer}s: {@code consumers.create("orders", List.of("inventory"), handler)}. */
public class EventConsumers {

    private final RedisClient client;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final MeterRegistry meters;
    private final Duration reclaimIdle;
    private final AckHold hold;
    private final EventTracing tracing;

    EventConsumers(
            RedisClient client,
            DatabaseClient db,
            TransactionalOperator tx,
            MeterRegistry meters,
            Duration reclaimIdle,
            AckHold hold,
            EventTracing tracing) {
        this.tracing = tracing;
        this.client = client;
        this.db = db;
        this.tx = tx;
        this.meters = meters;
        this.reclaimIdle = reclaimIdle;
        this.hold = hold;
    }

    public EventConsumer create(String group, List<String> streams, EventHandler handler) {
        return new EventConsumer(
                group, streams, new EventStore(db, tx, handler, tracing), client, meters, reclaimIdle, hold);
    }
}
