package oms.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from the embedded binaries, holding one database per subgraph. With a
 * data directory it keeps its data between runs; without one it is a throw-away test server.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server that keeps its data in {@code dataDir}. */
    public static LocalPostgres persistent(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir.getParent());
        return new LocalPostgres(builder(port).setDataDirectory(dataDir).setCleanDataDirectory(false).start());
    }

    /** Starts a throw-away server on a free port. */
    public static LocalPostgres ephemeral() throws IOException {
        return ephemeral(0);
    }

    /** Starts a throw-away server on the given port (0: any free port). */
    public static LocalPostgres ephemeral(int port) throws IOException {
        // durability is pointless for a server that is thrown away: trade it for test speed
        return new LocalPostgres(builder(port)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start());
    }

    private static EmbeddedPostgres.Builder builder(int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                // commit times of rows (pg_xact_commit_timestamp): what the subscription benchmark measures from
                .setServerConfig("track_commit_timestamp", "on");
        return port > 0 ? builder.setPort(port) : builder;
    }

    public int port() {
        return server.getPort();
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + name);
        }
        try (Connection c = server.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
