package oms.platform.error;

import java.util.Set;

/**
 * Tells a failure of the infrastructure (the database or Redis unreachable, restarting or too slow)
 * from every other failure. The former is nobody's fault and passes: clients get
 * {@link ErrorCode#SERVICE_UNAVAILABLE} and may try again, event consumers back off instead of counting
 * the attempt towards parking the event. The one rule for both, so that they agree.
 */
public final class Outages {

    /** SQLSTATE classes and codes of a server that is unreachable, restarting or overloaded. */
    private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300", "55P03", "57014");

    private static final Set<String> CLASS_NAMES = Set.of(
            "io.r2dbc.spi.R2dbcTransientResourceException",
            "io.r2dbc.spi.R2dbcNonTransientResourceException",
            "io.r2dbc.spi.R2dbcTimeoutException",
            "io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionClosedException",
            "io.r2dbc.postgresql.PostgresqlConnectionFactory$PostgresConnectionException",
            "io.r2dbc.pool.PoolAcquireTimeoutException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.QueryTimeoutException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "io.lettuce.core.RedisConnectionException",
            "io.lettuce.core.RedisCommandTimeoutException",
            "java.net.ConnectException",
            "java.nio.channels.ClosedChannelException",
            "java.util.concurrent.TimeoutException",
            "io.netty.channel.AbstractChannel$AnnotatedConnectException");

    private Outages() {}

    /** True when {@code failure}, or anything it was caused by, says that a dependency is down or hanging. */
    public static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                if (CLASS_NAMES.contains(c.getName())) {
                    return true;
                }
            }
            String state = sqlState(t);
            if (state != null && (state.startsWith("08") || SQL_STATES.contains(state))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        if (t instanceof io.r2dbc.spi.R2dbcException r2dbc) {
            return r2dbc.getSqlState();
        }
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }
}
