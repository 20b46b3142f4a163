package oms.inventory.reservation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import oms.platform.events.EventHandler;
import oms.platform.events.InboundEvent;
import oms.platform.events.OutboundEvent;
import oms.platform.events.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Handles a batch of order events inside the consumer's transaction: reads what it needs under lock,
 * lets the {@link ReservationDesk} decide, then writes every table once and queues the answers.
 */
@Component
class ReservationHandler implements EventHandler {

    private final OrderEventCodec codec;
    private final ReservationRepository reservations;
    private final Outbox outbox;

    ReservationHandler(OrderEventCodec codec, ReservationRepository reservations, Outbox outbox) {
        this.codec = codec;
        this.reservations = reservations;
        this.outbox = outbox;
    }

    @Override
    public boolean handles(String type) {
        return OrderEventCodec.reads(type);
    }

    @Override
    public Mono<Void> handle(List<InboundEvent> batch) {
        List<OrderEvent> events =
                batch.stream().flatMap(e -> codec.read(e).stream()).toList();
        if (events.isEmpty()) {
            return Mono.empty();
        }
        Set<UUID> orderIds = new LinkedHashSet<>();
        events.forEach(e -> orderIds.add(e.orderId()));
        return reservations
                .takeTurn()
                .then(reservations.findDecided(orderIds))
                .flatMap(decided -> reservations
                        .findHeld(orderIds)
                        .flatMap(held -> reservations
                                .lockStock(productIds(events, held))
                                .map(stock -> ReservationDesk.decide(stock, held, decided, events))))
                .flatMap(plan -> reservations.write(plan).then(publish(plan.answers())));
    }

    /** The products of the placements and of the reservations that cancellations and shipments touch. */
    private static Set<UUID> productIds(List<OrderEvent> events, List<Reservation> held) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (OrderEvent event : events) {
            if (event instanceof OrderEvent.Placed placed) {
                placed.lines().forEach(line -> ids.add(line.productId()));
            }
        }
        held.forEach(r -> ids.add(r.productId()));
        return ids;
    }

    private Mono<Void> publish(List<StockAnswer> answers) {
        if (answers.isEmpty()) {
            return Mono.empty();
        }
        List<OutboundEvent> events = answers.stream().map(codec::write).toList();
        return outbox.append(events).then(flushAfterCommit());
    }

    /** The relay would find nothing before the commit, so it is woken once the answers are visible. */
    private Mono<Void> flushAfterCommit() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(sync -> sync.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        outbox.flushSoon();
                        return Mono.empty();
                    }
                }))
                .then();
    }
}
