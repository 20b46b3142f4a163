package oms.system;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition the product reaches asynchronously (a saga step, a replica, a registration).
 * Deadlines are generous on purpose: a slow machine only makes a passing test take longer, and a
 * failing one reports what it waited for.
 */
final class Eventually {

    /** For one asynchronous step (an event relayed and handled, a subscription registered). */
    static final Duration STEP = Duration.ofSeconds(60);
    /** For a whole batch's saga, or a restarted service catching up. */
    static final Duration BATCH = Duration.ofSeconds(180);

    private Eventually() {}

    static void await(String what, BooleanSupplier condition) {
        await(what, STEP, condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
    }
}
