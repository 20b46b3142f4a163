package oms.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak server: the {@code org.keycloak:keycloak-quarkus-dist} zip that the stack module's build
 * copies to {@code stack/target/keycloak/}, unpacked once next to it and shared by every stack of this
 * project. Keycloak keeps its build state and import folder inside that shared folder, so stacks take
 * turns starting it ({@link #lock()}); what each stack stores lives in its own PostgreSQL database.
 */
final class KeycloakDistribution {

    static final String VERSION = version();

    // one lock per JVM as well: a FileLock is held by the whole process, not by a thread
    private static final Semaphore IN_PROCESS = new Semaphore(1);

    private final Path zip;
    private final Path home;

    private KeycloakDistribution(Path zip, Path home) {
        this.zip = zip;
        this.home = home;
    }

    /** Finds the zip the build copied (or, failing that, the one in the local Maven repository). */
    static KeycloakDistribution locate(Path projectDir) {
        Path folder = projectDir.resolve("stack/target/keycloak");
        String name = "keycloak-quarkus-dist-" + VERSION + ".zip";
        Path copied = folder.resolve(name);
        Path repository = Path.of(
                System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist", VERSION, name);
        Path zip = Files.isRegularFile(copied) ? copied : repository;
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(
                    "Missing " + copied + ": build the launcher first (./oms build, or " + "./mvnw -pl stack package)");
        }
        return new KeycloakDistribution(zip, folder.resolve("keycloak-" + VERSION));
    }

    Path home() {
        return home;
    }

    Path launchScript() {
        return home.resolve("bin/kc.sh");
    }

    /** Where {@code --import-realm} reads realm exports from (named {@code <realm>-realm.json}). */
    Path importDir() {
        return home.resolve("data/import");
    }

    /** Waits until no other stack is starting Keycloak from this folder, then holds it until closed. */
    Lock lock() throws IOException {
        Files.createDirectories(home.getParent());
        IN_PROCESS.acquireUninterruptibly();
        try {
            FileChannel channel = FileChannel.open(
                    home.getParent().resolve(".start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Lock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            IN_PROCESS.release();
            throw e;
        }
    }

    /** Unpacks the zip unless that was done before; call with the {@link #lock()} held. */
    void ensureUnpacked() throws IOException {
        if (Files.isRegularFile(launchScript())) {
            return;
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial");
        deleteRecursively(partial);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                unpack(archive, entries.nextElement(), partial);
            }
        }
        // the zip holds one top folder, keycloak-<version>; moving it last makes a half-unpacked copy invisible
        Path top = partial.resolve("keycloak-" + VERSION);
        if (!Files.isRegularFile(top.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(zip + " does not contain keycloak-" + VERSION + "/bin/kc.sh");
        }
        deleteRecursively(home);
        Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(partial);
    }

    private static void unpack(ZipFile archive, ZipEntry entry, Path target) throws IOException {
        Path file = target.resolve(entry.getName()).normalize();
        if (!file.startsWith(target)) {
            throw new IllegalStateException("Refusing zip entry outside the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
            Files.createDirectories(file);
            return;
        }
        Files.createDirectories(file.getParent());
        try (InputStream in = archive.getInputStream(entry)) {
            Files.copy(in, file);
        }
        if (file.getParent().getFileName().toString().equals("bin")
                && file.toString().endsWith(".sh")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream("keycloak.properties")) {
            if (in == null) {
                throw new IllegalStateException("oms/stack/keycloak.properties is missing from the launcher");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /** Held while a stack starts Keycloak; closing it twice is harmless. */
    static final class Lock implements AutoCloseable {

        private final FileChannel channel;
        private final FileLock fileLock;
        private boolean released;

        private Lock(FileChannel channel, FileLock fileLock) {
            this.channel = channel;
            this.fileLock = fileLock;
        }

        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                fileLock.release();
                channel.close();
            } catch (IOException e) {
                // closing the channel drops the lock in any case
            } finally {
                IN_PROCESS.release();
            }
        }
    }
}
