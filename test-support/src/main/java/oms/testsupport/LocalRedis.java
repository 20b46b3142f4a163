package oms.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * A real redis-server from the embedded binaries; with a data directory it persists (AOF, written
 * before each reply: a killed server loses nothing it acknowledged). Tests and the stack's supervisor
 * see its process: {@link #isAlive}, {@link #kill}, {@link #pause}, {@link #restart}.
 */
public final class LocalRedis implements AutoCloseable {

    private static final Object STARTS = new Object();

    private final RedisServer server;
    private final int port;
    private volatile ProcessHandle process;

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
        LocalRedis redis = new LocalRedis(builder.build(), port);
        redis.startServer();
        return redis;
    }

    /** Starts the server and notes its process: the one child of this JVM that the start added. */
    private void startServer() throws IOException {
        synchronized (STARTS) {
            java.util.Set<ProcessHandle> before = redisChildren();
            server.start();
            process = redisChildren().stream()
                    .filter(p -> !before.contains(p))
                    .findFirst()
                    .orElse(null);
        }
    }

    private static java.util.Set<ProcessHandle> redisChildren() {
        return ProcessHandle.current()
                .children()
                .filter(p -> p.info().command().map(c -> c.contains("redis")).orElse(false))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** False once the server process has ended (killed, crashed), until {@link #restart}. */
    public boolean isAlive() {
        ProcessHandle p = process;
        return p != null && p.isAlive();
    }

    /** Kills the server hard (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() {
        ProcessHandle p = process;
        if (p != null) {
            p.destroyForcibly();
            p.onExit().join();
        }
    }

    /** Freezes the server (SIGSTOP): connections stay open, nothing is answered, until {@link #resume}. */
    public void pause() {
        Signals.send(process, "STOP");
    }

    public void resume() {
        Signals.send(process, "CONT");
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

    /** Starts the server again on the same port and data, after a {@link #stop} or a crash. */
    public void restart() throws IOException {
        if (!isAlive()) {
            stop(); // forget the ended process
        }
        startServer();
    }

    @Override
    public void close() {
        stop();
    }
}
