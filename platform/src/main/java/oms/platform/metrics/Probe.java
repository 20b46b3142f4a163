package oms.platform.metrics;

/**
 * A reading that is too costly to take on every scrape (a SQL count, a Redis command): the
 * {@link Refresher} takes it in the background and the meters show the last value.
 */
interface Probe {

    /** Takes the reading and stores it in the probe's gauges; may throw, the next round tries again. */
    void refresh();

    /** Marks the gauges as unknown (NaN) after a failed reading: a stale value would mislead an alert. */
    void unknown();
}
