package oms.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import oms.stack.LocalPostgres;
import oms.stack.LocalRedis;
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
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embedded-postgres", Map.of(
                "spring.r2dbc.url", pg.r2dbcUrl(database),
                "spring.r2dbc.username", LocalPostgres.USER,
                "spring.r2dbc.password", LocalPostgres.PASSWORD,
                "spring.flyway.url", pg.jdbcUrl(database),
                "spring.flyway.user", LocalPostgres.USER,
                "spring.flyway.password", LocalPostgres.PASSWORD,
                "oms.security.issuer", TestTokens.ISSUER,
                "oms.security.audience", TestTokens.AUDIENCE,
                "oms.security.public-key", TestTokens.publicKey(),
                // each context its own Redis database: a consumer group must not take another context's events
                "oms.redis-url", redis().url() + "/" + (n % 16))));
    }
}
