package oms.orders.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import oms.orders.tracking.StatusHub.Registration;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import oms.platform.tracing.EventTracing;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A subscriber's stream: first what it missed (read from the history, in pages), then live changes
 * from the hub, joined at the position the hub had when the subscriber registered, so nothing is
 * skipped or repeated. Ends with TOKEN_EXPIRED when the caller's token does.
 */
@Service
public class OrderTracking {

    private static final int REPLAY_PAGE = 500;

    private final StatusHub hub;
    private final StatusLog statusLog;
    private final EventTracing tracing;

    OrderTracking(StatusHub hub, StatusLog statusLog, EventTracing tracing) {
        this.hub = hub;
        this.statusLog = statusLog;
        this.tracing = tracing;
    }

    public Flux<StatusEvent> follow(LiveFilter filter, Resume resume, Instant tokenExpiresAt) {
        Flux<StatusEvent> events = Flux.defer(() -> {
            Registration registration = hub.register(filter);
            Flux<StatusEvent> missed = resume.replays()
                    ? replay(filter, resume.replayFrom(), resume.afterVersion(), registration.position())
                    : Flux.empty();
            Flux<StatusEvent> live = registration.subscriber().live().filter(e -> e.seq() > resume.afterSeq());
            return missed.concatWith(live)
                    // each delivery shows in the trace of the request or event that made the change
                    .doOnNext(e -> tracing.mark(
                            e.traceparent(),
                            "deliver order status " + e.to(),
                            Map.of(
                                    "oms.order.id",
                                    e.orderId().toString(),
                                    "oms.feed.seq",
                                    Long.toString(e.seq()),
                                    "oms.delivery",
                                    e.seq() > registration.position() ? "live" : "replay")))
                    .doFinally(signal -> hub.unregister(registration.subscriber()));
        });
        if (tokenExpiresAt == null) {
            return events;
        }
        Duration left = Duration.between(Instant.now(), tokenExpiresAt);
        return events.mergeWith(
                Mono.delay(left.isNegative() ? Duration.ZERO : left)
                        .then(
                                Mono.error(
                                        () -> new DomainException(
                                                ErrorCode.TOKEN_EXPIRED,
                                                "The access token expired; subscribe again with a fresh token (resume with the last cursor)"))));
    }

    private Flux<StatusEvent> replay(LiveFilter filter, long after, Integer afterVersion, long upTo) {
        return statusLog
                .range(filter, after, afterVersion, upTo, REPLAY_PAGE)
                .collectList()
                .flatMapMany(page -> page.size() < REPLAY_PAGE
                        ? Flux.fromIterable(page)
                        : Flux.fromIterable(page)
                                .concatWith(Flux.defer(
                                        () -> replay(filter, page.getLast().seq(), afterVersion, upTo))));
    }
}
