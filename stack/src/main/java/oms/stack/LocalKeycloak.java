package oms.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oms.testsupport.GraphQlClient;
import oms.testsupport.LocalPostgres;

/**
 * A real Keycloak server (the Quarkus distribution from Maven Central, run by its own {@code kc.sh} in
 * development mode) that keeps its data in the stack's PostgreSQL, database {@code keycloak}: with the
 * persistent stack it survives restarts and `./oms reset` wipes it; with a test stack it is thrown away.
 * The realm {@code oms} is imported from keycloak/oms-realm.json when the database does not have it yet.
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String DATABASE = "keycloak";
    /** The bootstrap administrator of the master realm: a local demo credential, never a real one. */
    public static final String ADMIN_USER = "admin";

    public static final String ADMIN_PASSWORD = "admin";

    // Keycloak's own default heap, written down: the biggest JVM of the stack, and bounded
    private static final String HEAP = "-Xms64m -Xmx512m";

    private final int port;
    private volatile ManagedProcess process;
    private KeycloakDistribution.Lock startLock;

    private LocalKeycloak(int port, ManagedProcess process, KeycloakDistribution.Lock startLock) {
        this.port = port;
        this.process = process;
        this.startLock = startLock;
    }

    /**
     * Starts Keycloak and returns without waiting (it needs no other part of the stack but PostgreSQL);
     * {@link #awaitReady} waits for it.
     */
    public static LocalKeycloak start(Path projectDir, int port, LocalPostgres postgres, Path log) throws IOException {
        Path realm = DemoRealm.omsRealmFile(projectDir);
        if (!Files.isRegularFile(realm)) {
            throw new IllegalStateException("Missing the realm export " + realm);
        }
        KeycloakDistribution dist = KeycloakDistribution.locate(projectDir);
        postgres.ensureDatabase(DATABASE);
        KeycloakDistribution.Lock lock = dist.lock();
        try {
            dist.ensureUnpacked();
            replaceImports(dist.importDir(), realm);
            Files.createDirectories(dist.home().resolve("data/cds"));
            List<String> command = List.of(
                    dist.launchScript().toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    // one issuer whatever host a client calls: tokens fetched via 127.0.0.1 say localhost too
                    "--hostname=http://localhost:" + port,
                    "--health-enabled=true",
                    // health on the main port: no management port (9000) that two stacks would fight over
                    "--http-management-health-enabled=false",
                    "--db=postgres",
                    "--db-url=" + postgres.jdbcUrl(DATABASE),
                    "--db-pool-max-size=20",
                    "--import-realm");
            Map<String, String> env = new LinkedHashMap<>();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_KC_HEAP", HEAP);
            env.put("JAVA_OPTS_APPEND", System.getenv().getOrDefault("OMS_KEYCLOAK_JAVA_OPTS", startupOptions(dist)));
            env.put("KC_DB_USERNAME", LocalPostgres.USER);
            env.put("KC_DB_PASSWORD", LocalPostgres.PASSWORD);
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            ManagedProcess process = ManagedProcess.start(
                    "keycloak",
                    command,
                    env,
                    dist.home(),
                    log,
                    "http://127.0.0.1:" + port + "/realms/" + DemoRealm.OMS + "/.well-known/openid-configuration");
            return new LocalKeycloak(port, process, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Keycloak is the slowest part of the stack to start. Its class data goes into a shared archive on the
     * first run and is mapped by the next ones, and the quick JIT alone serves the few logins a local stack
     * sees: on two cores both together start it in about two thirds of the time, with less memory.
     * OMS_KEYCLOAK_JAVA_OPTS replaces these options.
     */
    private static String startupOptions(KeycloakDistribution dist) {
        Path archive = dist.home()
                .resolve("data/cds/keycloak-jdk-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]+", "_")
                        + ".jsa");
        String options = "-XX:TieredStopAtLevel=1";
        // kc.sh splits JAVA_OPTS_APPEND at spaces
        if (!archive.toString().matches(".*\\s.*")) {
            options += " -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=" + archive;
        }
        return options;
    }

    /** The shared import folder holds exactly the committed realm: a test-only realm never leaks into `up`. */
    private static void replaceImports(Path importDir, Path realm) throws IOException {
        KeycloakDistribution.deleteRecursively(importDir);
        Files.createDirectories(importDir);
        Files.copy(realm, importDir.resolve(DemoRealm.OMS + "-realm.json"));
    }

    /** Waits until the realm {@code oms} publishes its OpenID configuration (so the import is done). */
    public void awaitReady(Duration timeout) {
        try {
            process.awaitHealthy(timeout);
        } finally {
            releaseStartLock();
        }
    }

    /**
     * Lets the front-end clients of realm {@code realm} sign in from {@code origin} as well (redirect
     * URIs, web origins, logout redirects): a test stack serves the web apps on a free port, not 3000.
     */
    public void allowFrontEndOrigin(String realm, String origin, List<String> clientIds) throws IOException {
        TokenClient tokens = new TokenClient(url());
        String admin = adminToken(tokens);
        tools.jackson.databind.json.JsonMapper json = GraphQlClient.json();
        for (String clientId : clientIds) {
            HttpResponse<String> found = tokens.send(HttpRequest.newBuilder(
                            URI.create(url() + "/admin/realms/" + realm + "/clients?clientId=" + clientId))
                    .header("Authorization", "Bearer " + admin)
                    .GET());
            tools.jackson.databind.node.ObjectNode client = (tools.jackson.databind.node.ObjectNode)
                    json.readTree(found.body()).get(0);
            ((tools.jackson.databind.node.ArrayNode) client.withArray("redirectUris")).add(origin + "/*");
            ((tools.jackson.databind.node.ArrayNode) client.withArray("webOrigins")).add(origin);
            tools.jackson.databind.node.ObjectNode attributes = client.withObject("attributes");
            attributes.put(
                    "post.logout.redirect.uris",
                    attributes.path("post.logout.redirect.uris").asString("") + "##" + origin + "/*");
            HttpResponse<String> updated = tokens.send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms/"
                            + realm + "/clients/" + client.get("id").asString()))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(client))));
            if (updated.statusCode() != 204) {
                throw new IllegalStateException(
                        "Updating client " + clientId + " failed: HTTP " + updated.statusCode());
            }
        }
    }

    /** An access token of the master realm's bootstrap administrator, for the admin REST API. */
    private static String adminToken(TokenClient tokens) {
        return tokens.accessToken("master", "admin-cli", ADMIN_USER, ADMIN_PASSWORD);
    }

    /** Imports another realm through the admin REST API; for the test-only realm of another issuer. */
    public void importRealm(Path realmFile) throws IOException {
        TokenClient tokens = new TokenClient(url());
        String admin = adminToken(tokens);
        HttpResponse<String> response = tokens.send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(realmFile)));
        if (response.statusCode() != 201 && response.statusCode() != 409) { // 409: imported before
            throw new IllegalStateException(
                    "Importing " + realmFile + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public int port() {
        return port;
    }

    /** Where Java clients reach Keycloak. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where people reach it (the admin console), and the host its tokens name as issuer. */
    public String publicUrl() {
        return "http://localhost:" + port;
    }

    /** The {@code iss} of the realm's tokens, whichever host they were requested on (--hostname). */
    public String issuer(String realm) {
        return publicUrl() + "/realms/" + realm;
    }

    public String jwksUrl(String realm) {
        return url() + "/realms/" + realm + "/protocol/openid-connect/certs";
    }

    public ManagedProcess process() {
        return process;
    }

    /** Starts Keycloak again after its process ended (same command, port and database) and waits for it. */
    public void restart(Duration timeout) throws IOException {
        ManagedProcess again = process.restart();
        process = again;
        again.awaitHealthy(timeout);
    }

    private synchronized void releaseStartLock() {
        if (startLock != null) {
            startLock.close();
            startLock = null;
        }
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            releaseStartLock();
        }
    }
}
