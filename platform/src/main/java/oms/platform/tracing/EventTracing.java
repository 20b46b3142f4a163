package oms.platform.tracing;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Trace context across events: an order's saga is one trace. What a request writes (an outbox row, a
 * status change) remembers the span it was written in as a W3C {@code traceparent}; the relay
 * publishes the row in a producer span that starts when the row was written (so the time an event
 * waited in the outbox is visible) and carries that span's {@code traceparent} in the stream entry;
 * a consumer handles the entry in a consumer span, child of the producer span, and what its handler
 * writes belongs to that span in turn (matched by the event's key, the order id, since a batch holds
 * many orders' events). With tracing off ({@code OMS_TRACING=off}) every method is a no-op and
 * nothing is stored.
 */
public final class EventTracing {

    /** Reactor context key: event key → traceparent of the consumer span that handles that key now. */
    private static final String CAUSES = EventTracing.class.getName() + ".causes";

    private static final ContextSnapshotFactory SNAPSHOTS =
            ContextSnapshotFactory.builder().build();
    /** version 00, 32 hex trace id, 16 hex span id, 2 hex flags; anything else from outside is dropped. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private static final EventTracing OFF = new EventTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    private EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing with this tracer; {@link #off()} when either is missing or the tracer is the no-op one. */
    public static EventTracing of(Tracer tracer, Propagator propagator) {
        if (tracer == null || propagator == null || tracer == Tracer.NOOP) {
            return OFF;
        }
        return new EventTracing(tracer, propagator);
    }

    public static EventTracing off() {
        return OFF;
    }

    public boolean enabled() {
        return tracer != null;
    }

    /** A well-formed W3C traceparent, or null: values read back from storage or a stream are checked. */
    public static String valid(String traceparent) {
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : null;
    }

    /**
     * For writes at this point: answers, per event key, the traceparent the write belongs to (the event
     * being handled for that key, else the span the current request or handler runs in), or null.
     */
    public Mono<UnaryOperator<String>> parents() {
        if (!enabled()) {
            return Mono.just(key -> null);
        }
        return Mono.deferContextual(ctx -> {
            Map<String, String> causes = ctx.getOrDefault(CAUSES, Map.of());
            String current = current(ctx);
            return Mono.just(key -> causes.getOrDefault(key, current));
        });
    }

    private String current(ContextView ctx) {
        if (!ctx.hasKey(ObservationThreadLocalAccessor.KEY)) {
            Span span = tracer.currentSpan();
            return span == null ? null : traceparent(span.context());
        }
        try (ContextSnapshot.Scope ignored = SNAPSHOTS.setThreadLocalsFrom(ctx, ObservationThreadLocalAccessor.KEY)) {
            Span span = tracer.currentSpan();
            return span == null ? null : traceparent(span.context());
        }
    }

    private String traceparent(TraceContext context) {
        Map<String, String> carrier = new HashMap<>(2);
        propagator.inject(context, carrier, Map::put);
        return valid(carrier.get("traceparent"));
    }

    /** A span that ends or is given up; {@link #traceparent()} is what its children carry. */
    public interface Handle {
        String traceparent();

        void end();

        void fail(Throwable error);

        void abandon();
    }

    private static final Handle NONE = new Handle() {
        public String traceparent() {
            return null;
        }

        public void end() {}

        public void fail(Throwable error) {}

        public void abandon() {}
    };

    /**
     * The relay's span for one outbox row: {@code publish <type>} (producer), from {@code writtenAt}
     * (when the row was committed) until {@link Handle#end()}; none when the row has no trace.
     */
    public Handle publishing(String parent, String type, String stream, String key, Instant writtenAt) {
        Span span = child(parent, "publish " + type, Span.Kind.PRODUCER, writtenAt);
        if (span == null) {
            return NONE;
        }
        span.tag("messaging.system", "redis")
                .tag("messaging.destination.name", stream)
                .tag("oms.event.key", key)
                .remoteServiceName("redis");
        return handle(span);
    }

    /** One consumer span per event of a batch, and the context that makes the handler's writes their children. */
    public final class Consumption {
        private final List<Handle> spans;
        private final Map<String, String> causes;

        private Consumption(List<Handle> spans, Map<String, String> causes) {
            this.spans = spans;
            this.causes = causes;
        }

        /** Put this on the handler's Mono: its outbox rows and status changes join the events' traces. */
        public Context write(Context context) {
            return causes.isEmpty() ? context : context.put(CAUSES, causes);
        }

        public void end() {
            spans.forEach(Handle::end);
        }

        public void fail(Throwable error) {
            spans.forEach(s -> s.fail(error));
        }
    }

    /**
     * Spans {@code consume <type>} (consumer) for the events, one per stream entry (a pack's events
     * share their entry's), each a child of the trace its entry carried.
     */
    public Consumption consuming(String group, String stream, List<TracedEvent> events) {
        if (!enabled()) {
            return new Consumption(List.of(), Map.of());
        }
        Map<String, List<TracedEvent>> byEntry = new LinkedHashMap<>();
        events.forEach(
                e -> byEntry.computeIfAbsent(e.entry(), k -> new ArrayList<>()).add(e));
        List<Handle> spans = new ArrayList<>();
        Map<String, String> causes = new HashMap<>();
        for (List<TracedEvent> entry : byEntry.values()) {
            TracedEvent first = entry.getFirst();
            Span span = child(first.traceparent(), "consume " + first.type(), Span.Kind.CONSUMER, null);
            if (span == null) {
                continue;
            }
            span.tag("messaging.system", "redis")
                    .tag("messaging.destination.name", stream)
                    .tag("messaging.consumer.group.name", group)
                    .tag("oms.event.key", first.key())
                    .tag("oms.event.id", String.valueOf(first.id()))
                    .remoteServiceName("redis");
            if (entry.size() > 1) {
                span.tag("oms.event.count", Integer.toString(entry.size()));
            }
            Handle handle = handle(span);
            spans.add(handle);
            if (handle.traceparent() != null) {
                entry.forEach(e -> causes.putIfAbsent(e.key(), handle.traceparent()));
            }
        }
        return new Consumption(spans, causes);
    }

    /** What a consumer span needs of an event; {@code entry} is its stream entry's id. */
    public record TracedEvent(Object id, String type, String key, String traceparent, String entry) {}

    /**
     * A short span {@code <name>} (producer, e.g. a subscription delivery to a client) in the trace
     * of {@code parent}, ended at once; nothing when the change has no trace.
     */
    public void mark(String parent, String name, Map<String, String> tags) {
        Span span = child(parent, name, Span.Kind.PRODUCER, null);
        if (span != null) {
            tags.forEach(span::tag);
            span.end();
        }
    }

    private Span child(String parent, String name, Span.Kind kind, Instant start) {
        String valid = valid(parent);
        if (!enabled() || valid == null) {
            return null;
        }
        Span.Builder builder = propagator
                .extract(Map.of("traceparent", valid), Map::get)
                .name(name)
                .kind(kind);
        if (start != null) {
            builder.startTimestamp(start.getEpochSecond() * 1_000_000 + start.getNano() / 1_000, TimeUnit.MICROSECONDS);
        }
        Span span = builder.start();
        return span.isNoop() ? null : span;
    }

    private Handle handle(Span span) {
        String own = traceparent(span.context());
        return new Handle() {
            public String traceparent() {
                return own;
            }

            public void end() {
                span.end();
            }

            public void fail(Throwable error) {
                span.error(error);
                span.end();
            }

            public void abandon() {
                span.abandon();
            }
        };
    }
}
