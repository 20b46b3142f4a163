package oms.stack.drill;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback in front of one service, adding a settable delay to everything it forwards
 * towards the service (so each request/response round trip takes that much longer), as a slow network
 * between the router and a subgraph would. Order is kept: each chunk leaves no sooner than
 * {@code delay} after it arrived. Loopback only.
 */
public final class LatencyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile long delayMillis;
    private volatile boolean open = true;

    public LatencyProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("latency-proxy-" + target).start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, forwarded requests take this much longer (0: none). */
    public void delay(long millis) {
        delayMillis = millis;
    }

    private void accept() {
        while (open) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!open) {
                    return;
                }
                continue;
            }
            try {
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                } catch (IOException refused) {
                    // the service is down: refuse this connection as it would, at once
                    closeQuietly(client);
                    continue;
                }
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, true));
                Thread.ofVirtual().start(() -> pump(upstream, client, false));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private record Chunk(long due, byte[] bytes) {}

    private static final Chunk END = new Chunk(0, new byte[0]);

    /** Reads on one thread and writes on another, so chunks are delayed side by side, not one after another. */
    private void pump(Socket from, Socket to, boolean delayed) {
        java.util.concurrent.BlockingQueue<Chunk> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Chunk chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    long wait = chunk.due() - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    out.write(chunk.bytes());
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side broke
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                queue.add(new Chunk(
                        System.currentTimeMillis() + (delayed ? delayMillis : 0), java.util.Arrays.copyOf(buffer, n)));
            }
        } catch (IOException e) {
            // closed
        } finally {
            queue.add(END);
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(this::closeQuietly);
    }
}
