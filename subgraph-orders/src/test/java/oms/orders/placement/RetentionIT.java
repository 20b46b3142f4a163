package oms.orders.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import oms.platform.events.Retention;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/** What is kept only for a while goes after its time, and nothing younger; one instance at a time. */
class RetentionIT extends SubgraphIT {

    @Autowired
    DatabaseClient db;

    @Autowired
    Retention retention;

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private void run(String sql) {
        db.sql(sql).fetch().rowsUpdated().block();
    }

    @Test
    void expired_keys_processed_events_and_sent_outbox_rows_are_deleted_and_younger_ones_kept() {
        String tag = UUID.randomUUID().toString();
        run("INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES " + "('test', 'old-" + tag
                + "', 'h', now() - interval '49 hours'), ('test', 'new-" + tag
                + "', 'h', now() - interval '47 hours')");
        run("INSERT INTO processed_events (consumer, event_id, processed_at) VALUES " + "('test', '" + UUID.randomUUID()
                + "', now() - interval '8 days'), ('test', '" + UUID.randomUUID() + "', now() - interval '6 days')");
        run("INSERT INTO outbox (event_id, stream, type, key, payload, published_at) VALUES "
                + "('" + UUID.randomUUID() + "', 'test', 'T', '" + tag + "', '{}', now() - interval '25 hours'), "
                + "('" + UUID.randomUUID() + "', 'test', 'T', '" + tag + "', '{}', now() - interval '23 hours')");

        Map<String, Long> deleted = retention.runOnce();

        assertThat(deleted).containsKeys("idempotency_keys", "processed_events", "outbox");
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE key LIKE '%" + tag + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE key = 'new-" + tag + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM processed_events WHERE consumer = 'test'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE key = '" + tag + "'"))
                .isEqualTo(1);
    }

    @Test
    void a_round_is_skipped_while_another_instance_holds_the_lock() throws java.sql.SQLException {
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(jdbcUrl, user, password)) {
            other.setAutoCommit(false);
            try (var statement = other.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + 0x6f6d735f72657465L + ")");
            }
            assertThat(retention.runOnce()).isEmpty();
            other.rollback();
        }
        assertThat(retention.runOnce()).isNotEmpty();
    }

    @org.springframework.beans.factory.annotation.Value("${spring.flyway.url}")
    String jdbcUrl;

    @org.springframework.beans.factory.annotation.Value("${spring.flyway.user}")
    String user;

    @org.springframework.beans.factory.annotation.Value("${spring.flyway.password}")
    String password;
}
