package oms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import redis.embedded.RedisServer;

/** A real redis-server from the embedded binaries; with a data directory it persists (AOF). */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

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
        try (RespConnection redis = new RespConnection(port)) {
            return pending(redis, stream, group);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long pending(RespConnection redis, String stream, String group) throws IOException {
        try {
            // the summary: [count, smallest id, greatest id, [[consumer, count], ...]]
            return (Long) ((List<?>) redis.call("XPENDING", stream, group)).getFirst();
        } catch (RespConnection.RedisError e) {
            if (e.getMessage().startsWith("NOGROUP")) {
                return 0;
            }
            throw e;
        }
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
    public void close() {
        stop();
    }
}
