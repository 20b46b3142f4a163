package oms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run the stack: where the project and its data live, which ports to use, whether data
 * persists, whether the demo data is seeded, whether Keycloak also gets the test-only realm of
 * another issuer (keycloak/test-other-realm.json) and how soon a subgraph takes over the events a
 * crashed one left unacknowledged ({@code eventReclaimIdle}; null: the services' default), and whether
 * every service records spans into the stack's own Zipkin ({@code tracing}: on unless the launcher's
 * environment says {@code OMS_TRACING=off}).
 */
public record StackOptions(
        Path projectDir,
        Path dataDir,
        boolean persistent,
        boolean seed,
        Ports ports,
        String subgraphJavaOptions,
        boolean testRealm,
        Duration eventReclaimIdle,
        boolean tracing) {

    /** Short, so that tests which kill a subgraph see its events handled again within seconds. */
    public static final Duration TEST_EVENT_RECLAIM_IDLE = Duration.ofSeconds(2);

    /**
     * The subgraphs' JVM options: a small heap for idle memory; the code cache at the JDK's default size
     * (reserved, not resident: a 64 MB one had the same resident memory, and under the batch load its
     * JVMs unloaded thousands of compiled methods they deemed cold).
     */
    public static final String DEFAULT_JAVA_OPTIONS =
            "-XX:+UseSerialGC -Xms32m -Xmx160m -Xss512k -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=240m "
                    + "-XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError";

    /** The four subgraphs, in start order, with their default ports. */
    public static final Map<String, Integer> SUBGRAPHS = defaultSubgraphPorts();

    /** Ports of the stack; each subgraph's management port (actuator) is its own, server port + 1000 by default. */
    public record Ports(
            int postgres,
            int redis,
            Map<String, Integer> subgraphs,
            Map<String, Integer> management,
            int router,
            int keycloak,
            int zipkin,
            int web) {
        public static Ports defaults() {
            Map<String, Integer> management = new LinkedHashMap<>();
            SUBGRAPHS.forEach((name, port) -> management.put(name, port + 1000));
            return new Ports(54329, 63790, SUBGRAPHS, management, 4000, 8180, 9411, 3000);
        }

        public static Ports free() {
            Map<String, Integer> subgraphs = new LinkedHashMap<>();
            Map<String, Integer> management = new LinkedHashMap<>();
            SUBGRAPHS.keySet().forEach(name -> {
                subgraphs.put(name, freePort());
                management.put(name, freePort());
            });
            return new Ports(
                    freePort(), freePort(), subgraphs, management, freePort(), freePort(), freePort(), freePort());
        }

        public int subgraph(String name) {
            return subgraphs.get(name);
        }

        public int management(String name) {
            return management.get(name);
        }
    }

    /** The subgraphs' JVM options: {@code OMS_SUBGRAPH_JAVA_OPTS} where it is set, else {@code fallback}. */
    public static String subgraphJavaOptions(String fallback) {
        String given = System.getenv("OMS_SUBGRAPH_JAVA_OPTS");
        return given == null || given.isBlank() ? fallback : given;
    }

    /** What `./oms up` runs: default ports, data kept under the project's .oms folder. */
    public static StackOptions local(Path projectDir) {
        String javaOptions = subgraphJavaOptions(DEFAULT_JAVA_OPTIONS);
        return new StackOptions(
                projectDir,
                projectDir.resolve(".oms"),
                true,
                true,
                Ports.defaults(),
                javaOptions,
                false,
                null,
                tracingFromEnvironment());
    }

    /**
     * What system tests and benchmarks run: free ports, a throw-away data folder, demo data seeded, the
     * test realm too, and events of a killed subgraph reclaimed after {@link #TEST_EVENT_RECLAIM_IDLE}.
     */
    public static StackOptions forTests(Path projectDir) {
        try {
            return new StackOptions(
                    projectDir,
                    Files.createTempDirectory("oms-stack-"),
                    false,
                    true,
                    Ports.free(),
                    DEFAULT_JAVA_OPTIONS,
                    true,
                    TEST_EVENT_RECLAIM_IDLE,
                    tracingFromEnvironment());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StackOptions withSeed(boolean seed) {
        return new StackOptions(
                projectDir,
                dataDir,
                persistent,
                seed,
                ports,
                subgraphJavaOptions,
                testRealm,
                eventReclaimIdle,
                tracing);
    }

    public StackOptions withSubgraphJavaOptions(String javaOptions) {
        return new StackOptions(
                projectDir, dataDir, persistent, seed, ports, javaOptions, testRealm, eventReclaimIdle, tracing);
    }

    public StackOptions withTestRealm(boolean testRealm) {
        return new StackOptions(
                projectDir,
                dataDir,
                persistent,
                seed,
                ports,
                subgraphJavaOptions,
                testRealm,
                eventReclaimIdle,
                tracing);
    }

    /** With spans recorded (and Zipkin running) or not, whatever the environment says. */
    public StackOptions withTracing(boolean tracing) {
        return new StackOptions(
                projectDir,
                dataDir,
                persistent,
                seed,
                ports,
                subgraphJavaOptions,
                testRealm,
                eventReclaimIdle,
                tracing);
    }

    /** {@code OMS_TRACING=off} in the launcher's environment turns tracing off; anything else leaves it on. */
    public static boolean tracingFromEnvironment() {
        return !"off"
                .equalsIgnoreCase(
                        System.getenv().getOrDefault("OMS_TRACING", "on").strip());
    }

    /** Ports handed out by this process, so that two parts of one stack never get the same one. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, below the kernel's range of ephemeral ports where there is room: a
     * port of that range, free when asked, can be taken by any outgoing connection (to PostgreSQL, Redis,
     * Keycloak) in the minute a stack takes to start, and the process meant to listen on it then fails
     * with "address already in use". Two processes picking at the same moment can still collide (as
     * with any free-port probe); one stack never hands out the same port twice.
     */
    public static int freePort() {
        int[] ephemeral = ephemeralPortRange();
        int low = 10_000;
        int high = ephemeral[0] - 1;
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; high - low >= 1_000 && attempt < 200; attempt++) {
            int port = random.nextInt(low, high + 1);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        // no room below that range: any port the kernel offers, never one handed out before
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free port found");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * Linux's {@code ip_local_port_range}; where it cannot be read, from Linux's default low end (32768)
     * up, which also lies below the IANA range (49152–65535) other systems use.
     */
    static int[] ephemeralPortRange() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .strip()
                    .split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32_768, 65_535};
        }
    }

    private static Map<String, Integer> defaultSubgraphPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("customers", 8081);
        ports.put("inventory", 8082);
        ports.put("orders", 8083);
        ports.put("shipping", 8084);
        return java.util.Collections.unmodifiableMap(ports);
    }
}
