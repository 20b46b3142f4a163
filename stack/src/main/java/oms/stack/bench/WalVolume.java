package oms.stack.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import oms.testsupport.LocalPostgres;

/**
 * The write-ahead log PostgreSQL wrote, server-wide (all four databases), from {@code pg_stat_wal}: every
 * row version, index entry and page change of a write path, in records and bytes. It moves far less
 * with the machine's load than CPU time does (background work such as autovacuum adds a few per cent
 * to a window), so it compares two versions of the write path run against run.
 */
final class WalVolume {

    /** Records, full-page images and bytes written since the server started. */
    record Snapshot(long records, long fullPages, long bytes) {
        Snapshot minus(Snapshot before) {
            return new Snapshot(records - before.records, fullPages - before.fullPages, bytes - before.bytes);
        }

        /** Per unit of work, e.g. {@code 31.2 records, 6.1 KB per order}. */
        String per(long units, String unit) {
            return String.format(
                    "%.1f records, %.2f KB per %s%s",
                    (double) records / units,
                    bytes / 1024.0 / units,
                    unit,
                    fullPages == 0 ? "" : String.format(" (%.2f full-page images)", (double) fullPages / units));
        }
    }

    private WalVolume() {}

    static Snapshot snapshot(LocalPostgres postgres) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        postgres.jdbcUrl("oms_orders"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
            rs.next();
            return new Snapshot(
                    rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3).longValue());
        }
    }
}
