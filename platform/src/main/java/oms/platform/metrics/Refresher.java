package oms.platform.metrics;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Refreshes every {@link Probe} once per interval on one virtual thread, so that a scrape of
 * {@code /actuator/prometheus} only reads numbers that are already there and never waits on the
 * database or Redis.
 */
class Refresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Refresher.class);

    private final List<Probe> probes;
    private final Duration interval;
    private volatile boolean running;
    private Thread worker;

    Refresher(List<Probe> probes, Duration interval) {
        this.probes = List.copyOf(probes);
        this.interval = interval;
    }

    /** One round over all probes (tests call it directly). */
    void refreshAll() {
        for (Probe probe : probes) {
            try {
                probe.refresh();
            } catch (RuntimeException e) {
                probe.unknown();
                log.debug("Metrics probe {} failed: {}", probe.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofVirtual().name("metrics-refresher").start(() -> {
            while (running) {
                refreshAll();
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
