package oms.platform.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * SQL statements per request, for the requests that carry an {@code x-request-id} (the router
 * forwards it): an operator can ask how many statements one request cost, and the system tests prove
 * that a page costs the same whatever its size. Only statements that run in the request's own
 * reactive chain count, never those of background work (outbox relay, event consumers, feed checks).
 * Only the most recent {@link #CAPACITY} request ids are kept, so traffic with ever new ids cannot
 * grow memory; ids that are too long or contain anything but letters, digits and {@code .:_-} are
 * not counted.
 */
public class RequestStatements {

    public static final String HEADER = "x-request-id";
    static final int CAPACITY = 256;
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Map<String, Tally> recent = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The tally of a request id (the same one for every part of the request), if the id is acceptable. */
    public Optional<Tally> tallyFor(String requestId) {
        if (requestId == null || !VALID_ID.matcher(requestId).matches()) {
            return Optional.empty();
        }
        synchronized (recent) {
            return Optional.of(recent.computeIfAbsent(requestId, id -> new Tally()));
        }
    }

    /** How many statements the request has cost so far; empty if this service has not seen it (lately). */
    public Optional<Long> statements(String requestId) {
        synchronized (recent) {
            return Optional.ofNullable(recent.get(requestId)).map(Tally::count);
        }
    }

    /** The statement count of one request; travels in the Reactor context of its work. */
    public static final class Tally {

        private final AtomicLong statements = new AtomicLong();

        void add(long n) {
            statements.addAndGet(n);
        }

        public long count() {
            return statements.get();
        }
    }
}
