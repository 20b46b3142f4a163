package oms.platform.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A test-only hold point between committing a batch of events and acknowledging it: the moment a
 * crash leaves events processed but unacknowledged, which only reclaim and the dedupe on event id can
 * repair. Off unless {@code oms.events.test-hold-dir} names a folder (the test stack sets it). A test
 * arms it for one consumer group and stream by creating {@code <group>.<stream>.hold} there; the
 * consumer that commits the next batch of that stream writes {@code <group>.<stream>.held} (how many
 * stream entries it holds, a pack of events counting once, and its process id) and waits, without
 * acknowledging, while the hold file exists.
 */
final class AckHold {

    private static final AckHold OFF = new AckHold(null);
    private final Path dir;

    private AckHold(Path dir) {
        this.dir = dir;
    }

    static AckHold in(String dir) {
        return dir == null || dir.isBlank() ? OFF : new AckHold(Path.of(dir));
    }

    void beforeAck(String group, String stream, int entries, BooleanSupplier running) {
        if (dir == null) {
            return;
        }
        Path hold = dir.resolve(group + "." + stream + ".hold");
        if (!Files.exists(hold)) {
            return;
        }
        try {
            // written aside, then moved: a test polling for the file never reads it half-written
            Path held = dir.resolve(group + "." + stream + ".held");
            Path partial = dir.resolve(group + "." + stream + ".held.partial");
            Files.writeString(partial, entries + " " + ProcessHandle.current().pid());
            Files.move(
                    partial,
                    held,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (Files.exists(hold) && running.getAsBoolean()) {
            BackgroundWorker.sleep(20);
        }
    }
}
