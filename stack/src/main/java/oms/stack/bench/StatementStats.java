package oms.stack.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import oms.testsupport.LocalPostgres;

/**
 * Where PostgreSQL's time goes, by statement, when the server was started with {@code pg_stat_statements}
 * ({@code OMS_POSTGRES_STATEMENT_STATS=on}); without it every call does nothing. The counters are
 * server-wide (all four databases); the extension's view is created in the orders database to read them.
 */
final class StatementStats {

    private final LocalPostgres postgres;
    private final boolean on;

    StatementStats(LocalPostgres postgres) {
        this.postgres = postgres;
        this.on = "on".equals(System.getenv("OMS_POSTGRES_STATEMENT_STATS"));
    }

    /** Starts counting afresh. */
    void reset() throws SQLException {
        if (!on) {
            return;
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** Prints the statements that took the most execution time since {@link #reset}, per unit of work. */
    void print(int limit, long units, String unit) throws SQLException {
        if (!on) {
            return;
        }
        String sql = """
                SELECT d.datname, s.calls, s.rows, s.total_exec_time, s.total_plan_time, s.wal_bytes,
                       sum(s.total_exec_time + s.total_plan_time) OVER () AS everything,
                       regexp_replace(s.query, '\\s+', ' ', 'g') AS query
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT ?""";
        try (Connection c = connect();
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setInt(1, limit);
            try (ResultSet rs = q.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first) {
                        System.out.printf(
                                "PostgreSQL statements by time (pg_stat_statements, all databases): %.1f ms in all, "
                                        + "%.3f ms per %s; the top %d:%n",
                                rs.getDouble("everything"), rs.getDouble("everything") / units, unit, limit);
                        first = false;
                    }
                    double ms = rs.getDouble("total_exec_time") + rs.getDouble("total_plan_time");
                    String query = rs.getString("query");
                    System.out.printf(
                            "  %7.1f ms %5.1f %% %6.3f ms/%s %6.0f WAL bytes/%s %8d calls %9d rows  %-9s %s%n",
                            ms,
                            100 * ms / Math.max(1e-9, rs.getDouble("everything")),
                            ms / units,
                            unit,
                            rs.getDouble("wal_bytes") / units,
                            unit,
                            rs.getLong("calls"),
                            rs.getLong("rows"),
                            rs.getString("datname").replace("oms_", ""),
                            query.length() > 160 ? query.substring(0, 160) + " ..." : query);
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl("oms_orders"), LocalPostgres.USER, LocalPostgres.PASSWORD);
    }
}
