package oms.shipping.shipment;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import oms.platform.error.ErrorCode;
import oms.platform.error.Outcome;
import oms.platform.error.Violation;
import oms.platform.events.Outbox;
import oms.shipping.carrier.CarrierRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Takes shipments along their journey. Each step is one transaction: the status change, its tracking
 * event and the events it announces to other services (through the outbox) commit together or not at
 * all, and a refused step writes nothing.
 */
@Service
class ShipmentLifecycle {

    private final ShipmentRepository shipments;
    private final CarrierRepository carriers;
    private final ShippingEvents events;
    private final Outbox outbox;
    private final TransactionalOperator tx;

    ShipmentLifecycle(
            ShipmentRepository shipments,
            CarrierRepository carriers,
            ShippingEvents events,
            Outbox outbox,
            TransactionalOperator tx) {
        this.shipments = shipments;
        this.carriers = carriers;
        this.events = events;
        this.outbox = outbox;
        this.tx = tx;
    }

    Mono<Outcome<Shipment>> dispatch(UUID shipmentId, Step.Dispatch dispatch) {
        String carrier = dispatch.carrierCode();
        Mono<List<Violation>> carrierProblems = carrier == null
                ? Mono.just(List.of())
                : carriers.exists(carrier)
                        .map(known -> known
                                ? List.of()
                                : List.of(Violation.of(
                                        ErrorCode.INVALID_ARGUMENT,
                                        "carrier",
                                        "We do not ship with " + carrier + "; the carriers query lists those we do")));
        return carrierProblems.flatMap(problems -> problems.isEmpty()
                ? take(shipmentId, dispatch)
                : Mono.just(Outcome.rejected(Stream.concat(dispatch.violations().stream(), problems.stream())
                        .toList())));
    }

    Mono<Outcome<Shipment>> scan(UUID shipmentId, Step.Scan scan) {
        return take(shipmentId, scan);
    }

    Mono<Outcome<Shipment>> deliver(UUID shipmentId, Step.Delivery delivery) {
        return take(shipmentId, delivery);
    }

    private Mono<Outcome<Shipment>> take(UUID shipmentId, Step step) {
        List<Violation> problems = step.violations();
        if (!problems.isEmpty()) {
            return Mono.just(Outcome.rejected(problems));
        }
        Mono<Outcome<Shipment>> work = shipments
                .move(shipmentId, step)
                .flatMap(moved -> outbox.append(events.announce(moved)).thenReturn(Outcome.done(moved)))
                // the statement changed nothing; only now find out why
                .switchIfEmpty(Mono.defer(() -> refused(shipmentId, step)));
        return tx.transactional(work)
                // the unique constraint decides, so two dispatches racing for one number cannot both win
                .onErrorResume(
                        ShipmentLifecycle::isDuplicateTrackingNumber,
                        e -> Mono.just(Outcome.rejected(Violation.of(
                                ErrorCode.DUPLICATE_TRACKING_NUMBER,
                                "trackingNumber",
                                "Another shipment already has this tracking number"))))
                .doOnNext(outcome -> {
                    if (outcome instanceof Outcome.Done<Shipment>) {
                        outbox.flushSoon();
                    }
                });
    }

    private Mono<Outcome<Shipment>> refused(UUID shipmentId, Step step) {
        return shipments
                .findAllById(List.of(shipmentId))
                .next()
                .map(current -> Outcome.<Shipment>rejected(Violation.of(
                        ErrorCode.INVALID_STATUS_TRANSITION,
                        "shipmentId",
                        step.appliesFrom().contains(current.status())
                                ? "The shipment changed while this step was applied; please try again"
                                : step.refusal(current.status()))))
                .defaultIfEmpty(Outcome.rejected(
                        Violation.of(ErrorCode.NOT_FOUND, "shipmentId", "Shipment " + shipmentId + " does not exist")));
    }

    private static boolean isDuplicateTrackingNumber(Throwable e) {
        return e instanceof DuplicateKeyException
                && String.valueOf(e.getMessage()).contains("shipments_tracking_number_key");
    }
}
