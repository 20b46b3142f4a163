package oms.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process of the stack (a subgraph, the router, Keycloak): started with its output in a log file,
 * awaited on a health URL, and stopped with its whole process tree so nothing is left behind. Tests of
 * crash recovery {@link #kill} one and {@link #restart} it with the same command and environment.
 */
public final class ManagedProcess implements AutoCloseable {

    // HTTP/1.1: an h2c upgrade request makes some servers (the Node router) hold the connection
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final String name;
    private final Process process;
    private final Launch launch;
    // the children seen when the stop was requested: once the parent is gone they cannot be found again
    private final Set<ProcessHandle> tree = ConcurrentHashMap.newKeySet();
    private boolean stopRequested;

    /** How the process is started; a restart uses it again. */
    private record Launch(List<String> command, Map<String, String> env, Path workDir, Path log, String healthUrl) {}

    private ManagedProcess(String name, Process process, Launch launch) {
        this.name = name;
        this.process = process;
        this.launch = launch;
    }

    public static ManagedProcess start(
            String name, List<String> command, Map<String, String> env, Path workDir, Path log, String healthUrl)
            throws IOException {
        // a copy that keeps null values: they remove a variable the child would otherwise inherit
        return start(
                name,
                new Launch(List.copyOf(command), new LinkedHashMap<>(env), workDir, log, healthUrl),
                ProcessBuilder.Redirect.to(log.toFile()));
    }

    private static ManagedProcess start(String name, Launch launch, ProcessBuilder.Redirect output) throws IOException {
        Files.createDirectories(launch.log().getParent());
        ProcessBuilder builder = new ProcessBuilder(launch.command())
                .directory(launch.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output);
        launch.env().forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        return new ManagedProcess(name, builder.start(), launch);
    }

    /**
     * Kills the process and its children at once (SIGKILL: no shutdown hooks, no graceful stop, as in
     * a crash or an OOM kill) and waits until they are gone.
     */
    public void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(name + " did not die within 15 s of SIGKILL", e);
        }
    }

    /**
     * Starts the same command again with the same environment (so the same port and database), its
     * output appended to the same log. This process must have ended; the caller awaits health.
     */
    public ManagedProcess restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return start(name, launch, ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
    }

    public String name() {
        return name;
    }

    /** The URL that answers 2xx once the process is ready. */
    public String healthUrl() {
        return launch.healthUrl();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return launch.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the health URL answers 200, failing early if the process dies. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with code " + process.exitValue() + "; see " + log() + "\n" + tail(40));
            }
            try {
                HttpResponse<Void> response = HTTP.send(
                        HttpRequest.newBuilder(URI.create(launch.healthUrl()))
                                .timeout(Duration.ofSeconds(2))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(250);
        }
        throw new IllegalStateException(
                name + " was not healthy within " + timeout.toSeconds() + " s; see " + log() + "\n" + tail(40));
    }

    /**
     * Resident memory in bytes of the process and its children (a launch script's JVM, for one), from
     * /proc (0 where that is not available).
     */
    public long residentBytes() {
        return Memory.residentBytes(process.toHandle())
                + process.descendants().mapToLong(Memory::residentBytes).sum();
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /**
     * Asks the process and its children to stop (SIGTERM) and returns at once, so that a whole stack
     * stops in parallel; {@link #close} waits.
     */
    public synchronized void requestStop() {
        if (stopRequested) {
            return;
        }
        stopRequested = true;
        process.descendants().forEach(tree::add);
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
    }

    /** Stops the process tree politely (SIGTERM), then forcibly after a grace period. */
    @Override
    public void close() {
        requestStop();
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
