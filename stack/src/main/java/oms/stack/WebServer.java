package oms.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves the built front ends (web/dist) as a static site, as a CDN or the web image's nginx would:
 * the storefront at {@code /}, the CRM at {@code /crm/}, and {@code /config.json} telling both where
 * the router and Keycloak are. Only files under the folder are served; anything else is 404.
 */
public final class WebServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "json",
            "application/json",
            "svg",
            "image/svg+xml",
            "png",
            "image/png",
            "ico",
            "image/x-icon",
            "map",
            "application/json",
            "txt",
            "text/plain; charset=utf-8");

    private final HttpServer server;
    private final int port;

    private WebServer(HttpServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Whether the front ends are built (web/dist/index.html exists). */
    public static boolean built(Path projectDir) {
        return Files.isRegularFile(dist(projectDir).resolve("index.html"));
    }

    static Path dist(Path projectDir) {
        return projectDir.resolve("web").resolve("dist");
    }

    public static WebServer start(Path projectDir, int port, String configJson) throws IOException {
        Path root = dist(projectDir).toAbsolutePath().normalize();
        byte[] config = configJson.getBytes(StandardCharsets.UTF_8);
        // every interface of this machine's loopback: browsers resolve localhost to ::1 or 127.0.0.1
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                serve(exchange, root, config);
            }
        });
        server.start();
        return new WebServer(server, port);
    }

    private static void serve(HttpExchange exchange, Path root, byte[] config) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            send(exchange, 405, "text/plain", "Method not allowed".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/config.json")) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            send(exchange, 200, TYPES.get("json"), config);
            return;
        }
        if (path.equals("/crm")) {
            exchange.getResponseHeaders().set("Location", "/crm/");
            send(exchange, 308, "text/plain", new byte[0]);
            return;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        if (!Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        // hashed assets never change; pages are looked at again each time
        exchange.getResponseHeaders()
                .set("Cache-Control", path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        send(exchange, 200, type, method.equals("HEAD") ? new byte[0] : Files.readAllBytes(file));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Where a browser opens it, e.g. http://localhost:3000. */
    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
