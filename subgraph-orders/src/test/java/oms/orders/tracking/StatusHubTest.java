package oms.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import oms.orders.order.OrderStatus;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The hub's fan-out rules, without Redis or a database: order, filters, the slow-subscriber policy. */
class StatusHubTest {

    private final StatusHub hub = new StatusHub(null, null, null, new SimpleMeterRegistry(), Duration.ofSeconds(1), 8);
    private final UUID order = UUID.randomUUID();
    private final UUID customer = UUID.randomUUID();

    private StatusEvent event(long seq, UUID orderId, UUID customerId, OrderStatus to) {
        return new StatusEvent(
                seq, orderId, customerId, seq, OrderStatus.PENDING, to, (int) seq, OffsetDateTime.now(), "test", null);
    }

    @Test
    void a_subscriber_that_stops_reading_is_ended_while_the_others_keep_receiving() {
        StatusHub.Registration slow = hub.register(LiveFilter.customer(customer));
        StatusHub.Registration fast = hub.register(LiveFilter.customer(customer));
        List<StatusEvent> received = new ArrayList<>();
        Disposable reading = fast.subscriber().live().subscribe(received::add);

        hub.deliver(LongStream.rangeClosed(1, 20)
                .mapToObj(s -> event(s, order, customer, OrderStatus.CONFIRMED))
                .toList());

        assertThat(received).hasSize(20);
        List<StatusEvent> late = new ArrayList<>();
        List<Throwable> ended = new ArrayList<>();
        slow.subscriber().live().subscribe(late::add, ended::add);
        assertThat(late).as("what its bounded buffer held").hasSize(8);
        assertThat(ended)
                .singleElement()
                .matches(e -> e instanceof DomainException d && d.code() == ErrorCode.SUBSCRIBER_TOO_SLOW);

        hub.deliver(List.of(event(21, order, customer, OrderStatus.SHIPPED)));
        assertThat(received).hasSize(21);
        reading.dispose();
    }

    @Test
    void filters_pick_by_order_customer_and_status_entered_or_left() {
        StatusHub.Registration byOrder = hub.register(LiveFilter.order(order));
        StatusHub.Registration queue =
                hub.register(new LiveFilter(null, null, java.util.Set.of(OrderStatus.CONFIRMED)));
        List<StatusEvent> forOrder = new ArrayList<>();
        List<StatusEvent> forQueue = new ArrayList<>();
        byOrder.subscriber().live().subscribe(forOrder::add);
        queue.subscriber().live().subscribe(forQueue::add);
        UUID other = UUID.randomUUID();

        hub.deliver(List.of(
                event(1, order, customer, OrderStatus.CONFIRMED),
                event(2, other, customer, OrderStatus.REJECTED),
                new StatusEvent(
                        3,
                        other,
                        customer,
                        3,
                        OrderStatus.CONFIRMED,
                        OrderStatus.SHIPPED,
                        3,
                        OffsetDateTime.now(),
                        "test",
                        null),
                event(5, order, customer, OrderStatus.CANCELLED))); // not next in the feed: held back

        assertThat(forOrder).extracting(StatusEvent::seq).containsExactly(1L);
        assertThat(forQueue).extracting(StatusEvent::seq).containsExactly(1L, 3L);
        assertThat(hub.position()).isEqualTo(3);
        assertThat(hub.register(LiveFilter.order(order)).position()).isEqualTo(3);
    }

    @Test
    void an_order_or_customer_leaves_the_index_with_its_last_subscriber() {
        StatusHub.Registration first = hub.register(LiveFilter.order(order));
        StatusHub.Registration second = hub.register(LiveFilter.order(order));
        StatusHub.Registration byCustomer = hub.register(LiveFilter.customer(customer));
        assertThat(hub.indexedKeys()).isEqualTo(2);

        hub.unregister(first.subscriber());
        assertThat(hub.indexedKeys()).isEqualTo(2);
        hub.unregister(second.subscriber());
        hub.unregister(byCustomer.subscriber());
        hub.unregister(byCustomer.subscriber()); // twice is harmless
        assertThat(hub.indexedKeys()).isZero();
    }

    @Test
    void the_worker_survives_an_error_and_goes_on_delivering_from_the_feed() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        List<StatusEvent> feed = List.of(
                event(1, order, customer, OrderStatus.CONFIRMED), event(2, order, customer, OrderStatus.SHIPPED));
        StatusLog log = new StatusLog(null, null, null) {
            @Override
            public Mono<Long> position() {
                return switch (checks.getAndIncrement()) {
                    case 0 -> Mono.just(0L); // at start
                    // an Error, not an Exception: a worker that caught only exceptions ended here
                    case 1 -> Mono.error(new StackOverflowError("test"));
                    default -> Mono.just(2L);
                };
            }

            @Override
            public Flux<StatusEvent> range(LiveFilter filter, long after, Integer afterVersion, long upTo, int limit) {
                return Flux.fromIterable(feed).filter(e -> e.seq() > after && e.seq() <= upTo);
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // no Redis: the worker fails to listen and delivers from its feed checks alone
        StatusHub checked = new StatusHub(log, null, null, meters, Duration.ofMillis(50), 8);
        StatusHub.Registration registration = checked.register(LiveFilter.order(order));
        List<StatusEvent> received = new CopyOnWriteArrayList<>();
        registration.subscriber().live().subscribe(received::add);
        checked.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(received).extracting(StatusEvent::seq).containsExactly(1L, 2L);
            assertThat(meters.counter("oms.subscriptions.fan-out-failures").count())
                    .isEqualTo(1);
            assertThat(meters.get("oms.subscriptions.behind").gauge().value()).isZero();
        } finally {
            checked.stop();
        }
    }
}
