package oms.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the parts of a local stack running: when one has ended (crashed, killed, OOM) it says so in
 * one line and starts it again, after 1 s, then 2, 4 … up to 30 s while it keeps failing; a part that
 * stayed up for a minute starts from 1 s again. Only the dead part is touched: the rest keeps serving.
 * Parts are checked once a second, one restart at a time.
 */
final class Supervisor implements AutoCloseable {

    /** A part of the stack that can be checked and started again. */
    interface Part {
        String name();

        boolean isAlive();

        /** Starts the part again and returns once it serves (or throws). */
        void restart() throws Exception;
    }

    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final Supplier<List<Part>> parts;
    private final Consumer<String> out;
    private final Map<String, State> states = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private static final class State {
        int failures;
        Instant upSince = Instant.now();
        Instant nextTry;
    }

    Supervisor(Supplier<List<Part>> parts, Consumer<String> out) {
        this.parts = parts;
        this.out = out;
        this.thread = new Thread(this::loop, "oms-stack-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            for (Part part : parts.get()) {
                if (!running) {
                    return;
                }
                check(part);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void check(Part part) {
        State state = states.computeIfAbsent(part.name(), n -> new State());
        if (part.isAlive()) {
            if (state.nextTry == null
                    && state.failures > 0
                    && state.upSince.plus(STABLE).isBefore(Instant.now())) {
                state.failures = 0;
            }
            return;
        }
        Instant now = Instant.now();
        if (state.nextTry == null) {
            long delay = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << Math.min(state.failures, 5));
            state.nextTry = now.plusMillis(delay);
            out.accept(part.name() + " stopped unexpectedly; starting it again in " + delay / 1000 + " s");
            return;
        }
        if (now.isBefore(state.nextTry)) {
            return;
        }
        Instant began = Instant.now();
        try {
            part.restart();
            state.upSince = Instant.now();
            state.failures++;
            state.nextTry = null;
            out.accept(part.name() + " is back ("
                    + Duration.between(began, Instant.now()).toMillis() / 100 / 10.0 + " s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (Exception e) {
            state.failures++;
            state.nextTry = null; // the next check announces the next attempt, with a longer delay
            if (running) {
                out.accept(part.name() + " did not start again: " + firstLine(e.getMessage()));
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
