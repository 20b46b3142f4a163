package oms.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.signature.RouterSignature;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LocalPostgres;
import oms.testsupport.LocalRedis;
import oms.testsupport.Signals;

/**
 * The whole product on one machine: PostgreSQL (one database per subgraph, one for Keycloak), Redis,
 * Keycloak, the four subgraphs as separate JVMs and the federation router. `./oms up` and the system
 * tests both use it.
 */
public final class OmsStack implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final String LOG_FORMAT = "OMS_LOG_FORMAT";
    private static final String TRACING = "OMS_TRACING";

    private final StackOptions options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    private final Map<String, Integer> replicaPorts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> replicaManagementPorts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::close, "oms-stack-shutdown");
    private volatile boolean closed;
    private Map<String, Integer> routerSubgraphPorts;
    private WebServer web;
    private Supervisor supervisor;
    private LocalPostgres postgres;
    private LocalRedis redis;
    private LocalKeycloak keycloak;
    private DemoTokens tokens;
    private DemoTokens otherRealmTokens;
    /** The secret the router signs subgraph requests with; the stack's own clients sign with it too. */
    private final String signatureSecret;

    private OmsStack(StackOptions options) {
        this.options = options;
        this.signatureSecret = signatureSecret(options);
        System.setProperty("oms.hmac-secret", signatureSecret);
        // whatever ends this JVM (Ctrl-C, a killed test run) also ends every process it started
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A random secret per stack; `./oms up` keeps its one in the data folder (OMS_HMAC_SECRET overrides). */
    private static String signatureSecret(StackOptions options) {
        String given = System.getenv(RouterSignature.SECRET_ENV);
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String fresh = java.util.HexFormat.of().formatHex(random);
        if (!options.persistent()) {
            return fresh;
        }
        try {
            Path file = options.dataDir().resolve("router-signature.secret");
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(options.dataDir());
            Files.writeString(file, fresh);
            return fresh;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts everything and waits until the router answers; on failure stops what did start. */
    public static OmsStack start(StackOptions options) throws IOException {
        return start(options, options.ports().subgraphs());
    }

    /**
     * The same, with the router calling each subgraph at the port given here (a proxy in front of the
     * subgraph's own port, say, for a fault drill).
     */
    public static OmsStack start(StackOptions options, Map<String, Integer> routerSubgraphPorts) throws IOException {
        OmsStack stack = new OmsStack(options);
        stack.routerSubgraphPorts = Map.copyOf(routerSubgraphPorts);
        try {
            stack.startAll();
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws IOException {
        Path data = options.dataDir();
        Files.createDirectories(data);
        StackOptions.Ports ports = options.ports();
        // a test stack's server survives kill -9 too (fault tests): all commits are in its WAL
        postgres = options.persistent()
                ? LocalPostgres.persistent(data.resolve("postgres"), ports.postgres())
                : LocalPostgres.restartable(data.resolve("postgres"), ports.postgres());
        started.add(postgres);
        // Keycloak is the slowest to start and nothing needs it to start: it boots while the rest does
        keycloak = LocalKeycloak.start(options.projectDir(), ports.keycloak(), postgres, logFile("keycloak"));
        started.add(keycloak);
        // append-only file in every stack: a Redis restart loses no stream entry and no consumer group
        redis = LocalRedis.start(ports.redis(), data.resolve("redis"));
        started.add(redis);

        if (tracing()) {
            // in-memory Zipkin: every service reports its spans there; it starts beside the rest
            track(startZipkin());
        }
        for (String name : StackOptions.SUBGRAPHS.keySet()) {
            postgres.ensureDatabase(database(name));
            track(startSubgraph(name));
        }
        for (String name : StackOptions.SUBGRAPHS.keySet()) {
            processes.get(name).awaitHealthy(STARTUP_TIMEOUT);
        }
        track(startRouter()).awaitHealthy(STARTUP_TIMEOUT);
        if (tracing()) {
            processes.get("zipkin").awaitHealthy(STARTUP_TIMEOUT);
        }
        keycloak.awaitReady(STARTUP_TIMEOUT);
        processes.put("keycloak", keycloak.process());
        startWeb();
        TokenClient tokenClient = new TokenClient(keycloak.url());
        tokens = new DemoTokens(tokenClient, DemoRealm.read(DemoRealm.omsRealmFile(options.projectDir())));
        if (options.testRealm()) {
            Path other = DemoRealm.testOtherRealmFile(options.projectDir());
            keycloak.importRealm(other);
            otherRealmTokens = new DemoTokens(tokenClient, DemoRealm.read(other));
        }
    }

    /**
     * The storefront and CRM (web/dist, built by the web module) on the web port, with a config.json
     * naming this stack's router and Keycloak; the realm's front-end clients learn the origin when it
     * is not the committed one (http://localhost:3000). Not built: the stack runs without them.
     */
    private void startWeb() throws IOException {
        if (!WebServer.built(options.projectDir())) {
            return;
        }
        String origin = webOrigin();
        if (options.ports().web() != StackOptions.Ports.defaults().web()) {
            keycloak.allowFrontEndOrigin(
                    DemoRealm.OMS, origin, List.of(DemoRealm.STOREFRONT_CLIENT, DemoRealm.CRM_CLIENT));
        }
        String config = GraphQlClient.json()
                .writeValueAsString(Map.of(
                        "graphqlUrl", "http://localhost:" + options.ports().router() + "/graphql",
                        "keycloakUrl", "http://localhost:" + options.ports().keycloak(),
                        "realm", DemoRealm.OMS));
        web = WebServer.start(options.projectDir(), options.ports().web(), config);
        started.add(web);
    }

    private String webOrigin() {
        return "http://localhost:" + options.ports().web();
    }

    /** Where a browser opens the storefront ({@code /}) and the CRM ({@code /crm/}); null when web/ is not built. */
    public String webUrl() {
        return web == null ? null : web.url();
    }

    /** Where subgraphs and router find the token issuer: the same three variables in production. */
    private Map<String, String> tokenValidation() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OMS_JWT_ISSUER", issuer());
        env.put("OMS_JWKS_URL", keycloak.jwksUrl(DemoRealm.OMS));
        env.put("OMS_JWT_AUDIENCE", DemoRealm.API_AUDIENCE);
        return env;
    }

    private ManagedProcess track(ManagedProcess process) {
        processes.put(process.name(), process);
        started.add(process);
        return process;
    }

    /** Whether this stack records spans (and runs Zipkin): {@link StackOptions#tracing()}. */
    public boolean tracing() {
        return options.tracing();
    }

    /** The Zipkin server that the build copied (io.zipkin:zipkin-server, exec jar), traces kept in memory. */
    private ManagedProcess startZipkin() throws IOException {
        Path jar = options.projectDir().resolve("stack/target/zipkin/zipkin-server-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "Missing " + jar + ": build the launcher first (./oms build, or " + "./mvnw -pl stack package)");
        }
        int port = options.ports().zipkin();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUERY_PORT", Integer.toString(port));
        env.put("STORAGE_TYPE", "mem");
        // the newest 200,000 spans; older traces drop out
        env.put("MEM_MAX_SPANS", "200000");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xms32m",
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                jar.toString(),
                "--armeria.ports[0].port=" + port,
                "--armeria.ports[0].ip=127.0.0.1");
        return ManagedProcess.start(
                "zipkin", command, env, options.projectDir(), logFile("zipkin"), zipkinUrl() + "/health");
    }

    /** Zipkin's UI and API ({@code /zipkin/}, {@code /api/v2/...}); only with {@link #tracing()}. */
    public String zipkinUrl() {
        return "http://127.0.0.1:" + options.ports().zipkin();
    }

    /** The tracing settings subgraphs and routers get: on with every span to this stack's Zipkin, or off. */
    private Map<String, String> tracingSettings() {
        Map<String, String> env = new LinkedHashMap<>();
        if (tracing()) {
            env.put(TRACING, "on");
            env.put("OMS_ZIPKIN_URL", zipkinUrl() + "/api/v2/spans");
            env.put("OMS_TRACING_SAMPLING", System.getenv().getOrDefault("OMS_TRACING_SAMPLING", "1.0"));
        } else {
            env.put(TRACING, "off");
        }
        return env;
    }

    private ManagedProcess startSubgraph(String name) throws IOException {
        return startSubgraph(
                name, name, options.ports().subgraph(name), options.ports().management(name));
    }

    /**
     * Another OS process of subgraph {@code name} (same database, Redis and settings, ports of its own),
     * as a second replica would run; answers its process name ({@code <name>-2}, …), which
     * {@link #kill}, {@link #restart} and {@link #stop} take. The router keeps calling the first process.
     */
    public String startReplica(String name) throws IOException {
        if (!StackOptions.SUBGRAPHS.containsKey(name)) {
            throw new IllegalArgumentException("No subgraph named " + name);
        }
        String replica;
        synchronized (this) {
            int n = 2;
            while (processes.containsKey(name + "-" + n)) {
                n++;
            }
            replica = name + "-" + n;
        }
        int port = StackOptions.freePort();
        int management = StackOptions.freePort();
        ManagedProcess process = startSubgraph(name, replica, port, management);
        synchronized (this) {
            track(process);
            replicaPorts.put(replica, port);
            replicaManagementPorts.put(replica, management);
        }
        process.awaitHealthy(STARTUP_TIMEOUT);
        return replica;
    }

    /** The base URL of a replica started with {@link #startReplica}. */
    public String replicaUrl(String replica) {
        return "http://127.0.0.1:" + replicaPorts.get(replica);
    }

    /** Stops a process of the stack for good (SIGTERM, then it is no longer tracked or supervised). */
    public void stop(String name) throws Exception {
        ManagedProcess process;
        synchronized (this) {
            process = tracked(name);
            processes.remove(name);
            started.remove(process);
            replicaPorts.remove(name);
            replicaManagementPorts.remove(name);
        }
        process.close();
    }

    private ManagedProcess startSubgraph(String name, String processName, int port, int managementPort)
            throws IOException {
        Path jar = options.projectDir()
                .resolve("subgraph-" + name)
                .resolve("target")
                .resolve("subgraph-" + name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build first (./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options.subgraphJavaOptions().trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put(RouterSignature.SECRET_ENV, signatureSecret);
        env.put("OMS_DB_URL", postgres.r2dbcUrl(database(name)));
        env.put("OMS_DB_JDBC_URL", postgres.jdbcUrl(database(name)));
        env.put("OMS_DB_USER", LocalPostgres.USER);
        env.put("OMS_DB_PASSWORD", LocalPostgres.PASSWORD);
        env.put("OMS_REDIS_URL", redis.url());
        env.put("OMS_SEED_DEMO_DATA", Boolean.toString(options.seed()));
        env.put(LOG_FORMAT, logFormat());
        env.putAll(tracingSettings());
        if (options.eventReclaimIdle() != null) {
            env.put("OMS_EVENTS_RECLAIM_IDLE", options.eventReclaimIdle().toMillis() + "ms");
        }
        if (!options.persistent()) {
            // throw-away stacks (tests, benchmarks) only: crash tests hold consumers there
            env.put("OMS_EVENTS_TEST_HOLD_DIR", holdDir(processName).toString());
        }
        env.putAll(tokenValidation());
        return ManagedProcess.start(
                processName,
                command,
                env,
                options.projectDir(),
                logFile(processName),
                "http://127.0.0.1:" + port + "/readyz");
    }

    private ManagedProcess startRouter() throws IOException {
        return startRouter("router", options.ports().router(), Map.of());
    }

    /**
     * Another router over the same subgraphs, for benchmark baselines, with {@code settings} added to
     * (a null value removes) its environment; e.g. without the token variables it checks no tokens
     * (the subgraphs still do). Stopped with the stack.
     */
    public String startExtraRouter(String name, int port, Map<String, String> settings) throws IOException {
        ManagedProcess router = track(startRouter(name, port, settings));
        String url = "http://127.0.0.1:" + port + "/graphql";
        router.awaitHealthy(STARTUP_TIMEOUT);
        return url;
    }

    /** The variables that make a router verify tokens (for {@link #startExtraRouter}: map them to null). */
    public java.util.Set<String> tokenVariables() {
        return tokenValidation().keySet();
    }

    private ManagedProcess startRouter(String name, int port, Map<String, String> settings) throws IOException {
        Path routerDir = options.projectDir().resolve("router-config");
        Path gateway = routerDir.resolve("node_modules/.bin/hive-gateway");
        if (!Files.exists(gateway)) {
            throw new IllegalStateException("Missing " + gateway + ": run `npm ci` in router-config");
        }
        Path supergraph = options.dataDir().resolve("supergraph.graphql");
        String text =
                Supergraphs.withPorts(Files.readString(routerDir.resolve("supergraph.graphql")), routerSubgraphPorts);
        // every router of the stack watches this file and reloads it when it changes: rewriting it
        // (truncated, then written) for a second router made a running one read it empty, and Hive
        // Gateway exits on a supergraph it cannot parse
        if (!Files.isRegularFile(supergraph) || !Files.readString(supergraph).equals(text)) {
            Files.writeString(supergraph, text);
        }
        String node = System.getenv().getOrDefault("OMS_NODE", "node");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("NODE_ENV", "production");
        // the IDE and introspection for a developer's `./oms up`; production hardening in system tests
        env.put("OMS_ENV", options.persistent() ? "development" : "production");
        env.put(RouterSignature.SECRET_ENV, signatureSecret);
        env.put(LOG_FORMAT, logFormat());
        env.putAll(tracingSettings());
        env.putAll(tokenValidation());
        // browsers may call it from the web apps' origin, and from no other
        env.put("OMS_CORS_ORIGINS", webOrigin());
        env.putAll(settings);
        return ManagedProcess.start(
                name,
                List.of(node, gateway.toString(), "supergraph", supergraph.toString()),
                env,
                routerDir,
                logFile(name),
                "http://127.0.0.1:" + port + "/readiness");
    }

    /**
     * Holds the consumers of {@code process} (a subgraph, e.g. {@code inventory}, or a replica, e.g.
     * {@code inventory-2}) after they have committed their next batch of {@code stream} and before they
     * acknowledge it (see {@link ConsumerHold}); only in a throw-away stack. A subgraph's hold does not
     * hold its replicas, nor the other way round.
     */
    public ConsumerHold holdBeforeAck(String process, String stream) {
        if (options.persistent()) {
            throw new IllegalStateException("Consumers can be held only in a throw-away (test) stack");
        }
        // a replica (orders-2) holds its own consumers only; its group is its subgraph's name
        String group = isReplica(process) ? process.substring(0, process.lastIndexOf('-')) : process;
        return ConsumerHold.arm(holdDir(process), group, stream);
    }

    /** The stack's process with this pid (e.g. the one a {@link ConsumerHold} names), or null. */
    public synchronized String processWithPid(long pid) {
        return processes.values().stream()
                .filter(p -> p.pid() == pid)
                .map(ManagedProcess::name)
                .findFirst()
                .orElse(null);
    }

    private Path holdDir(String process) {
        Path dir = options.dataDir().resolve("event-holds");
        return isReplica(process) ? dir.resolve(process) : dir;
    }

    private static boolean isReplica(String process) {
        return process.matches("[a-z]+-\\d+");
    }

    /**
     * Kills a subgraph or router process hard (SIGKILL, with its children), as a crash would: no
     * graceful shutdown, nothing acknowledged or committed after this moment. {@link #restart} brings it back.
     */
    public synchronized void kill(String name) {
        tracked(name).kill();
    }

    /**
     * Freezes a subgraph or router process (SIGSTOP): it keeps its connections but answers nothing, as a
     * hung service would, until {@link #resume}.
     */
    public synchronized void pause(String name) {
        signal(name, "STOP");
    }

    public synchronized void resume(String name) {
        signal(name, "CONT");
    }

    private void signal(String name, String signal) {
        Signals.send(tracked(name).pid(), signal);
    }

    /**
     * From now on, a part of the stack that dies (PostgreSQL, Redis, Keycloak, a subgraph, a router) is
     * started again with back-off, each event reported to {@code out} in one line; {@link #close} ends it.
     */
    public synchronized void superviseWith(java.util.function.Consumer<String> out) {
        if (supervisor == null && !closed) {
            supervisor = new Supervisor(this::parts, out);
        }
    }

    /** Stops restarting dead parts (a test that kills parts itself, say). */
    public void stopSupervising() {
        Supervisor s;
        synchronized (this) {
            s = supervisor;
            supervisor = null;
        }
        if (s != null) {
            s.close();
        }
    }

    private synchronized List<Supervisor.Part> parts() {
        List<Supervisor.Part> parts = new ArrayList<>();
        parts.add(part("postgres", postgres::isAlive, postgres::restart));
        parts.add(part("redis", redis::isAlive, redis::restart));
        parts.add(part("keycloak", () -> keycloak.process().isAlive(), () -> {
            keycloak.restart(STARTUP_TIMEOUT);
            synchronized (this) {
                processes.put("keycloak", keycloak.process());
            }
        }));
        for (ManagedProcess process : processes.values()) {
            if (!process.name().equals("keycloak")) {
                parts.add(part(process.name(), () -> tracked(process.name()).isAlive(), () -> restart(process.name())));
            }
        }
        return parts;
    }

    private interface Restart {
        void run() throws Exception;
    }

    private static Supervisor.Part part(String name, java.util.function.BooleanSupplier alive, Restart restart) {
        return new Supervisor.Part() {
            public String name() {
                return name;
            }

            public boolean isAlive() {
                return alive.getAsBoolean();
            }

            public void restart() throws Exception {
                restart.run();
            }
        };
    }

    /** Starts a killed process again with the same command, port and settings, and waits until it is healthy. */
    public void restart(String name) throws IOException {
        ManagedProcess again;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The stack is stopping");
            }
            ManagedProcess dead = tracked(name);
            again = dead.restart();
            processes.put(name, again);
            started.set(started.indexOf(dead), again);
        }
        again.awaitHealthy(STARTUP_TIMEOUT);
    }

    private ManagedProcess tracked(String name) {
        ManagedProcess process = processes.get(name);
        if (process == null || !started.contains(process)) {
            throw new IllegalArgumentException("No subgraph or router named " + name + " in this stack");
        }
        return process;
    }

    /**
     * Subgraphs and router write JSON lines to their files under logs/ (what a log shipper reads in
     * production); {@code OMS_LOG_FORMAT=text} in the launcher's environment makes them plain text.
     * The launcher's own console stays human: only its banner and supervisor lines go there.
     */
    private static String logFormat() {
        return System.getenv().getOrDefault(LOG_FORMAT, "json");
    }

    private Path logFile(String name) {
        return options.dataDir().resolve("logs").resolve(name + ".log");
    }

    private static String database(String subgraph) {
        return "oms_" + subgraph;
    }

    public String routerUrl() {
        return "http://127.0.0.1:" + options.ports().router() + "/graphql";
    }

    public String subgraphUrl(String name) {
        return "http://127.0.0.1:" + options.ports().subgraph(name);
    }

    /** A subgraph's management server (actuator: metrics, health details), loopback only. */
    public String managementUrl(String name) {
        Integer replica = replicaManagementPorts.get(name);
        return "http://127.0.0.1:"
                + (replica != null ? replica : options.ports().management(name));
    }

    /** Where Java clients reach Keycloak ({@code http://127.0.0.1:<port>}). */
    public String keycloakUrl() {
        return keycloak.url();
    }

    /** The {@code iss} of the realm {@code oms}, as subgraphs and router expect it. */
    public String issuer() {
        return keycloak.issuer(DemoRealm.OMS);
    }

    public LocalKeycloak keycloak() {
        return keycloak;
    }

    public DemoRealm demoRealm() {
        return tokens.realm();
    }

    /** An access token of a demo user of the realm {@code oms} (alice, bob, carol, sam, wendy, ada). */
    public String token(String username) {
        return tokens.accessToken(username);
    }

    /** A newly issued access token of a demo user, for what must outlive a reused one (e.g. subscriptions). */
    public String freshToken(String username) {
        return tokens.freshAccessToken(username);
    }

    /** An access token of the test-only realm {@code other}: valid there, but from an issuer nobody trusts. */
    public String tokenFromOtherRealm() {
        if (otherRealmTokens == null) {
            throw new IllegalStateException("This stack was started without the test realm (StackOptions.testRealm)");
        }
        return otherRealmTokens.accessToken(
                otherRealmTokens.realm().users().getFirst().username());
    }

    public StackOptions options() {
        return options;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalRedis redis() {
        return redis;
    }

    public Map<String, ManagedProcess> processes() {
        return processes;
    }

    /** Stops everything: the processes side by side, then Redis and PostgreSQL. */
    @Override
    public void close() {
        closed = true;
        stopSupervising();
        closeAll();
    }

    private synchronized void closeAll() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        // every process gets its SIGTERM at once: they stop side by side, not one after another
        processes.values().forEach(ManagedProcess::requestStop);
        if (keycloak != null) {
            keycloak.process().requestStop();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("Stopping " + started.get(i) + " failed: " + e.getMessage());
            }
        }
        started.clear();
    }
}
