package oms.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
     * group yet. Tests use it to crash a consumer mid-batch.
     */
    public long pendingCount(String stream, String group) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            StringBuilder command = new StringBuilder("*3\r\n");
            for (String part : new String[] {"XPENDING", stream, group}) {
                command.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(part).append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            // the summary is an array whose first element is the count: *4, :<count>, ...
            String header = in.readLine();
            if (header != null && header.startsWith("-NOGROUP")) {
                return 0;
            }
            String count = in.readLine();
            if (header == null || !header.startsWith("*") || count == null || !count.startsWith(":")) {
                throw new IllegalStateException("Unexpected XPENDING reply: " + header + " " + count);
            }
            return Long.parseLong(count.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
