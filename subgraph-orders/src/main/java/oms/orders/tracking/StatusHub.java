package oms.orders.tracking;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * This instance's live fan-out. It hears committed status changes on Redis pub/sub (from every
 * orders instance, itself included) and hands each to the local subscribers whose filter matches,
 * strictly in feed order. A hole in the positions (a lost or late message) is filled from the
 * database before anything after it is delivered, and the feed's end is checked every poll interval,
 * so subscribers see every change exactly once even when Redis or a publisher fails.
 *
 * <p>Slow subscribers: each has its own bounded buffer ({@code oms.subscriptions.buffer} events).
 * Delivery never waits for a subscriber; one whose buffer is full is ended with SUBSCRIBER_TOO_SLOW
 * and resumes from the last cursor it received. Memory per subscriber is therefore bounded.
 */
@Component
public class StatusHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatusHub.class);
    private static final int PAGE = 1_000;

    /** A registered subscriber: its filter and its bounded queue. */
    public static final class Subscriber {
        final LiveFilter filter;
        final Sinks.Many<StatusEvent> sink;
        /** Handed over but not yet taken by the subscriber's transport. */
        final AtomicInteger queued = new AtomicInteger();

        Subscriber(LiveFilter filter) {
            this.filter = filter;
            this.sink = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<StatusEvent>unbounded(16).get());
        }

        public Flux<StatusEvent> live() {
            return sink.asFlux().doOnNext(e -> queued.decrementAndGet());
        }
    }

    /** A subscriber and the feed position from which it receives live changes (those after it). */
    public record Registration(Subscriber subscriber, long position) {}

    private final StatusLog statusLog;
    private final StatusPublisher publisher;
    private final RedisClient redis;
    private final Duration pollInterval;
    private final int capacity;
    private final Object lock = new Object();
    private final Map<UUID, Set<Subscriber>> byOrder = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Subscriber>> byCustomer = new ConcurrentHashMap<>();
    private final Set<Subscriber> everyone = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final BlockingQueue<List<StatusEvent>> inbox = new ArrayBlockingQueue<>(10_000);
    private final Counter delivered;
    private final Counter tooSlow;
    private final Counter filled;
    private final Counter failures;

    private volatile long position;
    /** The feed's end as the last check read it: how far behind the fan-out is shows as the gap. */
    private volatile long feedEnd;

    private volatile boolean running;
    private Thread worker;
    private StatefulRedisPubSubConnection<String, String> pubsub;

    StatusHub(
            StatusLog statusLog,
            StatusPublisher publisher,
            RedisClient redis,
            MeterRegistry meters,
            @Value("${oms.subscriptions.poll-interval:1s}") Duration pollInterval,
            @Value("${oms.subscriptions.buffer:256}") int capacity) {
        this.statusLog = statusLog;
        this.publisher = publisher;
        this.redis = redis;
        this.pollInterval = pollInterval;
        this.capacity = capacity;
        Gauge.builder("oms.subscriptions.active", count, AtomicInteger::get)
                .description("Open order-status subscriptions on this instance")
                .register(meters);
        delivered = Counter.builder("oms.subscriptions.delivered")
                .description("Events handed to subscribers")
                .register(meters);
        tooSlow = Counter.builder("oms.subscriptions.too-slow")
                .description("Subscribers ended for falling behind")
                .register(meters);
        filled = Counter.builder("oms.subscriptions.filled")
                .description("Changes read from the database because no message brought them")
                .register(meters);
        failures = Counter.builder("oms.subscriptions.fan-out-failures")
                .description("Errors the fan-out survived (it retries; a steady rate means it is not delivering)")
                .register(meters);
        Gauge.builder("oms.subscriptions.behind", this, hub -> Math.max(0, hub.feedEnd - hub.position))
                .description("Committed status changes this instance has not yet handed to its subscribers")
                .register(meters);
    }

    /** Registers a subscriber; it receives every matching change after the returned position. */
    public Registration register(LiveFilter filter) {
        Subscriber subscriber = new Subscriber(filter);
        synchronized (lock) {
            index(subscriber).add(subscriber);
            count.incrementAndGet();
            return new Registration(subscriber, position);
        }
    }

    /** Removes a subscriber; an order's or customer's entry goes with its last subscriber. */
    public void unregister(Subscriber subscriber) {
        synchronized (lock) {
            LiveFilter filter = subscriber.filter;
            Map<UUID, Set<Subscriber>> index =
                    filter.orderId() != null ? byOrder : filter.customerId() != null ? byCustomer : null;
            boolean removed;
            if (index == null) {
                removed = everyone.remove(subscriber);
            } else {
                UUID key = filter.orderId() != null ? filter.orderId() : filter.customerId();
                Set<Subscriber> subscribers = index.get(key);
                removed = subscribers != null && subscribers.remove(subscriber);
                if (subscribers != null && subscribers.isEmpty()) {
                    index.remove(key);
                }
            }
            if (removed) {
                count.decrementAndGet();
            }
        }
    }

    /** Orders and customers with at least one subscriber here (for tests and diagnostics). */
    int indexedKeys() {
        return byOrder.size() + byCustomer.size();
    }

    /** The last feed position handed to subscribers. */
    public long position() {
        return position;
    }

    private Set<Subscriber> index(Subscriber s) {
        if (s.filter.orderId() != null) {
            return byOrder.computeIfAbsent(s.filter.orderId(), k -> ConcurrentHashMap.newKeySet());
        }
        if (s.filter.customerId() != null) {
            return byCustomer.computeIfAbsent(s.filter.customerId(), k -> ConcurrentHashMap.newKeySet());
        }
        return everyone;
    }

    // --- the worker: messages, holes, the periodic feed check -------------------------------------

    private void loop() {
        long nextCheck = 0;
        long nextListen = 0;
        while (running) {
            if (pubsub == null && System.nanoTime() >= nextListen) {
                try {
                    listen();
                } catch (RuntimeException e) {
                    // until Redis is back, the feed check alone delivers (within a poll interval)
                    log.warn("Status fan-out cannot listen on Redis: {} (retrying)", e.toString());
                    nextListen = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
            }
            try {
                List<StatusEvent> message = inbox.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (message != null) {
                    handle(message);
                }
                if (System.nanoTime() >= nextCheck) {
                    Long end = statusLog.position().block(Duration.ofSeconds(10));
                    feedEnd = end == null ? 0 : end;
                    catchUp(end);
                    nextCheck = System.nanoTime() + pollInterval.toNanos();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
                // only stop() may end the worker: an interrupt from anywhere else is survived
                log.warn("Status fan-out interrupted while running (going on)");
            } catch (RuntimeException e) {
                // the database or Redis away: retried each poll interval, one line each
                if (running) {
                    failures.increment();
                    log.warn("Status fan-out: {} (retrying)", e.toString());
                    sleep(pollInterval.toMillis());
                }
            } catch (Throwable e) {
                // nothing may end the worker while it runs, not even an Error (running out of heap
                // stops the process instead: -XX:+ExitOnOutOfMemoryError): subscribers would then wait
                // for changes that never come, with their streams open
                if (running) {
                    failures.increment();
                    log.error("Status fan-out failed at position {} (retrying)", position, e);
                    sleep(pollInterval.toMillis());
                }
            }
        }
    }

    private void handle(List<StatusEvent> message) {
        long at = position;
        List<StatusEvent> fresh = message.stream()
                .filter(e -> e.seq() > at)
                .sorted(Comparator.comparingLong(StatusEvent::seq))
                .toList();
        if (fresh.isEmpty()) {
            return;
        }
        if (fresh.getFirst().seq() > at + 1) {
            catchUp(fresh.getFirst().seq() - 1);
        }
        if (fresh.getFirst().seq() == position + 1 && contiguous(fresh)) {
            deliver(fresh);
        } else {
            catchUp(fresh.getLast().seq());
        }
    }

    /** Reads and delivers everything up to {@code upTo} from the database. */
    private void catchUp(Long upTo) {
        while (upTo != null && position < upTo) {
            List<StatusEvent> page = statusLog
                    .range(new LiveFilter(null, null, Set.of()), position, null, upTo, PAGE)
                    .collectList()
                    .block(Duration.ofSeconds(30));
            if (page == null || page.isEmpty() || page.getFirst().seq() != position + 1 || !contiguous(page)) {
                return; // positions the database does not (yet) confirm: the next check retries
            }
            filled.increment(page.size());
            deliver(page);
        }
    }

    private static boolean contiguous(List<StatusEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).seq() != events.get(i - 1).seq() + 1) {
                return false;
            }
        }
        return true;
    }

    void deliver(List<StatusEvent> events) {
        synchronized (lock) {
            for (StatusEvent event : events) {
                if (event.seq() != position + 1) {
                    continue;
                }
                offer(byOrder.get(event.orderId()), event);
                offer(byCustomer.get(event.customerId()), event);
                offer(everyone, event);
                position = event.seq();
            }
        }
    }

    private void offer(Set<Subscriber> subscribers, StatusEvent event) {
        if (subscribers == null) {
            return;
        }
        for (Subscriber s : subscribers) {
            if (!s.filter.matches(event)) {
                continue;
            }
            if (s.queued.get() >= capacity) {
                tooSlow.increment();
                s.sink.tryEmitError(new DomainException(
                        ErrorCode.SUBSCRIBER_TOO_SLOW,
                        ("Fell more than %d changes "
                                        + "behind; subscribe again with the cursor of the last change received")
                                .formatted(capacity)));
                unregister(s);
                continue;
            }
            s.queued.incrementAndGet();
            Sinks.EmitResult result = s.sink.tryEmitNext(event);
            if (result == Sinks.EmitResult.OK) {
                delivered.increment();
            } else {
                if (result != Sinks.EmitResult.FAIL_CANCELLED) {
                    // never leave a subscriber open that will get nothing more: end it, it resumes
                    log.warn(
                            "Status change {} could not be handed to a subscriber ({}); ending it",
                            event.seq(),
                            result);
                    s.sink.tryEmitError(new DomainException(
                            ErrorCode.SUBSCRIBER_TOO_SLOW,
                            "Delivery failed; subscribe again with the cursor of the last change received"));
                }
                unregister(s);
            }
        }
    }

    private void listen() {
        StatefulRedisPubSubConnection<String, String> connection = redis.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                try {
                    if (!inbox.offer(publisher.decode(message))) {
                        log.debug("Status fan-out inbox full; the feed check delivers the dropped message");
                    }
                } catch (RuntimeException e) {
                    log.warn("Unreadable status message ignored: {}", e.toString());
                }
            }
        });
        connection.sync().subscribe(publisher.channel);
        pubsub = connection;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- lifecycle ----------------------------------------------------------------------------------

    @Override
    public void start() {
        if (position == 0) {
            position =
                    statusLog.position().blockOptional(Duration.ofSeconds(30)).orElse(0L);
        }
        running = true;
        worker = Thread.ofVirtual().name("status-hub").start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pubsub != null) {
            pubsub.close();
            pubsub = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
