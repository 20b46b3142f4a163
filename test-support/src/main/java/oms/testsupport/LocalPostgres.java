package oms.testsupport;

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
import java.util.List;

/**
 * A real PostgreSQL server from the embedded binaries, holding one database per subgraph. With a
 * data directory it keeps its data between runs (and a {@link #kill} as well as a {@link #restart});
 * without one it is a throw-away test server.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres.Builder builder;
    /** The data directory of a server that can restart; null for a throw-away one. */
    private final Path dataDir;

    private volatile EmbeddedPostgres server;

    private LocalPostgres(EmbeddedPostgres.Builder builder, Path dataDir) throws IOException {
        this.builder = builder;
        this.dataDir = dataDir;
        this.server = builder.start();
    }

    /** Starts a server that keeps its data in {@code dataDir}, with PostgreSQL's own durability settings. */
    public static LocalPostgres persistent(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir.getParent());
        return new LocalPostgres(builder(port).setDataDirectory(dataDir).setCleanDataDirectory(false), dataDir);
    }

    /** Starts a throw-away server on a free port. */
    public static LocalPostgres ephemeral() throws IOException {
        return ephemeral(0);
    }

    /** Starts a throw-away server on the given port (0: any free port). */
    public static LocalPostgres ephemeral(int port) throws IOException {
        return new LocalPostgres(fast(builder(port)), null);
    }

    /**
     * A test server in {@code dataDir} that survives a {@link #kill} of its processes: no fsync (the
     * operating system keeps what a killed process wrote; only a machine crash would lose it), but
     * every commit is in the WAL before it is acknowledged.
     */
    public static LocalPostgres restartable(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir.getParent());
        return new LocalPostgres(
                builder(port)
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off"),
                dataDir);
    }

    private static EmbeddedPostgres.Builder fast(EmbeddedPostgres.Builder builder) {
        // durability is pointless for a server that is thrown away: trade it for test speed
        return builder.setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off");
    }

    private static EmbeddedPostgres.Builder builder(int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                // the embedded builder turns this off by default: an acknowledged commit could then be lost
                // in a crash; a server that is kept (or survives kill -9 in tests) must not
                .setServerConfig("synchronous_commit", "on")
                // commit times of rows (pg_xact_commit_timestamp): what the subscription benchmark measures from
                .setServerConfig("track_commit_timestamp", "on");
        if ("on".equals(System.getenv("OMS_POSTGRES_STATEMENT_STATS"))) {
            // what each statement costs the server, for benchmarks to print (a little overhead on every statement)
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track", "all");
        }
        return port > 0 ? builder.setPort(port) : builder;
    }

    /** False once the server (its postmaster) has ended, until {@link #restart}. */
    public boolean isAlive() {
        return postmaster().map(ProcessHandle::isAlive).orElse(false);
    }

    /** The postmaster, from the first line of postmaster.pid (pg_ctl, which started it, has long exited). */
    public java.util.Optional<ProcessHandle> postmaster() {
        if (dataDir == null) {
            throw new IllegalStateException("A throw-away server is not watched");
        }
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty()
                    ? java.util.Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Kills the server hard (SIGKILL to the postmaster and every backend), as a crash or an OOM kill
     * would, and waits until its processes are gone.
     */
    public void kill() {
        ProcessHandle postmaster =
                postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().join();
        backends.forEach(b -> b.onExit().join());
    }

    /** Starts the server again on the same port and data (crash recovery replays the WAL). */
    public synchronized void restart() throws IOException {
        if (dataDir == null) {
            throw new IllegalStateException("A throw-away server without its own data directory cannot restart");
        }
        try {
            server.close(); // after a crash: releases the data directory's lock (pg_ctl stop finds nothing)
        } catch (IOException | RuntimeException alreadyGone) {
            // nothing to stop
        }
        server = builder.start();
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
