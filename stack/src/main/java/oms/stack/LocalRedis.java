package oms.stack;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/** A real redis-server from the embedded binaries; with a data directory it persists (AOF). */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private RedisClient probeClient;
    private StatefulRedisConnection<String, String> probe;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalRedis start(int port, Path dataDir) throws IOException {
        var builder = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("maxmemory 256mb")
                .setting("maxmemory-policy noeviction");
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            builder.setting("dir " + dataDir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync everysec");
        } else {
            builder.setting("save \"\"").setting("appendonly no");
        }
        RedisServer server = builder.build();
        server.start();
        return new LocalRedis(server, port);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * How many events of a stream a consumer group has been handed but not acknowledged yet (XPENDING):
     * more than zero means a consumer is working on them, or died holding them. 0 if there is no such
     * group yet.
     */
    public long pendingCount(String stream, String group) {
        return pending(stream, group);
    }

    /**
     * Watches a group until it holds unacknowledged events of a stream, i.e. until one of its consumers
     * is working on a batch, and answers how many (0 if that did not happen within {@code timeout}).
     * Tests use it to crash a consumer mid-batch.
     */
    public long awaitPending(String stream, String group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pending;
        while ((pending = pending(stream, group)) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return pending;
    }

    private long pending(String stream, String group) {
        try {
            return commands().xpending(stream, group).getCount();
        } catch (RedisCommandExecutionException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                return 0;
            }
            throw e;
        }
    }

    /** One client connection for the probes above, opened on first use (it reconnects after a restart). */
    private synchronized RedisCommands<String, String> commands() {
        if (probe == null) {
            probeClient = RedisClient.create(url());
            probe = probeClient.connect();
        }
        return probe.sync();
    }

    /** Stops the server; {@link #restart()} brings it back on the same port and data. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restart() throws IOException {
        server.start();
    }

    @Override
    public synchronized void close() {
        if (probe != null) {
            probe.close();
            probeClient.shutdown();
            probe = null;
        }
        stop();
    }
}
