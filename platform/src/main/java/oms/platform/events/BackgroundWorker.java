package oms.platform.events;

import org.springframework.context.SmartLifecycle;

/**
 * A loop on its own virtual thread that starts and stops with the application context (and may be
 * stopped and started again when a test context is paused and resumed).
 */
abstract class BackgroundWorker implements SmartLifecycle {

    private final String threadName;
    protected volatile boolean running;
    private Thread worker;

    BackgroundWorker(String threadName) {
        this.threadName = threadName;
    }

    /** Runs until {@link #running} turns false. */
    protected abstract void loop();

    /** Wakes the loop so that it notices the stop quickly. */
    protected void interruptWait() {}

    /** Releases what the loop held; the next start must acquire it afresh. */
    protected void release() {}

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name(threadName).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        interruptWait();
        if (worker != null) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        release();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
