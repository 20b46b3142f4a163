package oms.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import oms.stack.OmsStack;
import oms.stack.StackOptions;
import oms.testsupport.Actuator;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LocalPostgres;

/**
 * The whole stack, started once per test JVM on free ports with freshly seeded demo data, and
 * stopped when the JVM exits (the stack's own shutdown hook). Started exactly as `./oms up` starts it.
 */
final class RunningStack {

    private static OmsStack stack;

    private RunningStack() {}

    static synchronized OmsStack get() {
        if (stack == null) {
            Path project = Path.of(System.getProperty("oms.project.dir", ".."))
                    .toAbsolutePath()
                    .normalize();
            try {
                stack = OmsStack.start(StackOptions.forTests(project));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stack;
    }

    static GraphQlClient router() {
        return new GraphQlClient(get().routerUrl());
    }

    /** An access token of a demo user of the realm oms (alice, bob, carol, sam, wendy, ada), from Keycloak. */
    static String token(String user) {
        return get().token(user);
    }

    /** A real token for the API's audience, but from another realm: an issuer nobody should trust. */
    static String tokenFromOtherRealm() {
        return get().tokenFromOtherRealm();
    }

    /**
     * A connection to a subgraph's own database (e.g. {@code "inventory"}), for invariants the API does
     * not show, such as stock reservations per order. Tests read it; they never write.
     */
    static Connection database(String subgraph) {
        try {
            return DriverManager.getConnection(
                    get().postgres().jdbcUrl("oms_" + subgraph), LocalPostgres.USER, LocalPostgres.PASSWORD);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database of " + subgraph, e);
        }
    }

    /** How many order-status subscriptions a subgraph has open (its oms.subscriptions.active gauge). */
    static long openSubscriptions(String subgraph) {
        return (long) Actuator.value(get().managementUrl(subgraph), "oms.subscriptions.active");
    }

    /** The status fan-out's meters of an orders process, to say which side stopped when a feed falls silent. */
    static String fanOut(String process) {
        StringBuilder text = new StringBuilder(process).append(" fan-out:");
        for (String meter : new String[] {"active", "delivered", "filled", "too-slow", "behind", "fan-out-failures"}) {
            text.append(' ').append(meter).append('=');
            try {
                text.append((long) Actuator.value(get().managementUrl(process), "oms.subscriptions." + meter));
            } catch (RuntimeException e) {
                text.append('?').append(e.getMessage());
            }
        }
        return text.toString();
    }

    /** How many SQL statements the request with this x-request-id cost a subgraph (and nothing else did). */
    static long sqlStatements(String subgraph, String requestId) {
        return Actuator.requestStatements(get().managementUrl(subgraph), requestId);
    }
}
