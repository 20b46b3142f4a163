package oms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Holds a service's consumer group, through the services' test-only hold point, after it has
 * committed its next batch of a stream and before it acknowledges it: a crash test kills the service
 * at exactly that moment instead of racing for it. Closing the hold lets the consumers go on; close it
 * before restarting a killed service, or the new process holds again.
 */
public final class ConsumerHold implements AutoCloseable {

    private final Path hold;
    private final Path held;

    private ConsumerHold(Path dir, String group, String stream) {
        this.hold = dir.resolve(group + "." + stream + ".hold");
        this.held = dir.resolve(group + "." + stream + ".held");
    }

    static ConsumerHold arm(Path dir, String group, String stream) {
        ConsumerHold h = new ConsumerHold(dir, group, stream);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(h.held);
            Files.writeString(h.hold, "held by a test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h;
    }

    /** Waits until a consumer of the group holds a batch of the stream; answers how many stream entries it holds. */
    public int awaitHeld(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            // the service moves the file into place whole; an empty read is still waited out
            while (!Files.exists(held) || Files.readString(held).isBlank()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("No consumer held a batch (" + hold.getFileName() + ") within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(20);
            }
            return Integer.parseInt(Files.readString(held).trim().split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** The process id of the service that holds (after {@link #awaitHeld}): the one a crash test kills. */
    public long holderPid() {
        try {
            String[] parts = Files.readString(held).trim().split(" ");
            return Long.parseLong(parts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(hold);
            Files.deleteIfExists(held);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
