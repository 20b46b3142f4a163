package oms.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import oms.testsupport.LocalPostgres;
import oms.testsupport.LocalRedis;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a fresh database on a real PostgreSQL server that is shared by all
 * test contexts of the JVM, so every test class starts from clean, fully migrated tables; and makes
 * the service trust the locally signed {@link TestTokens}.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres server;
    private static LocalRedis redis;

    static synchronized LocalPostgres server() {
        if (server == null) {
            try {
                server = LocalPostgres.ephemeral();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's process dies with it
                }
            }));
        }
        return server;
    }

    /** A real Redis for the JVM's test contexts (events, pub/sub); tests may stop and restart it. */
    public static synchronized LocalRedis redis() {
        if (redis == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                socket.close();
                redis = LocalRedis.start(port, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalRedis started = redis;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return redis;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        LocalPostgres pg = server();
        int n = DATABASES.incrementAndGet();
        String database = "test_" + ProcessHandle.current().pid() + "_" + n;
        pg.ensureDatabase(database);
        // the test clients sign their requests as the router does (GraphQlClient reads this property)
        System.setProperty("oms.hmac-secret", TestTokens.HMAC_SECRET);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "embedded-postgres",
                        Map.ofEntries(
                                Map.entry("oms.security.hmac-secret", TestTokens.HMAC_SECRET),
                                Map.entry("management.server.port", "0"),
                                Map.entry("spring.r2dbc.url", pg.r2dbcUrl(database)),
                                Map.entry("spring.r2dbc.username", LocalPostgres.USER),
                                Map.entry("spring.r2dbc.password", LocalPostgres.PASSWORD),
                                Map.entry("spring.flyway.url", pg.jdbcUrl(database)),
                                Map.entry("spring.flyway.user", LocalPostgres.USER),
                                Map.entry("spring.flyway.password", LocalPostgres.PASSWORD),
                                Map.entry("oms.security.issuer", TestTokens.ISSUER),
                                Map.entry("oms.security.audience", TestTokens.AUDIENCE),
                                Map.entry("oms.security.public-key", TestTokens.publicKey()),
                                // each context its own Redis database: a consumer group must not take another context's
                                // events
                                Map.entry("oms.redis-url", redis().url() + "/" + (n % 16)))));
    }
}
