package oms.orders.lifecycle;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import oms.orders.lifecycle.StatusTransitions.Change;
import oms.orders.order.OrderStatus;
import oms.orders.order.PaymentStatus;
import oms.platform.error.ErrorCode;
import oms.platform.error.Outcome;
import oms.platform.error.Violation;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** What people do to an existing order: cancel it, record its payment. */
@Service
public class OrderActions {

    private final StatusTransitions transitions;
    private final OrderEvents events;
    private final DatabaseClient db;
    private final TransactionalOperator tx;

    OrderActions(StatusTransitions transitions, OrderEvents events, DatabaseClient db, TransactionalOperator tx) {
        this.transitions = transitions;
        this.events = events;
        this.db = db;
        this.tx = tx;
    }

    /**
     * Cancels the order if it has not shipped. A paid order becomes refund-due; an unpaid one's
     * payment is voided. Inventory releases the reservation when it hears OrderCancelled.
     */
    public Mono<Outcome<UUID>> cancel(UUID orderId, PaymentStatus currentPayment, String actor, String reason) {
        PaymentStatus payment = currentPayment == PaymentStatus.PAID ? PaymentStatus.REFUND_DUE : PaymentStatus.VOIDED;
        String why = reason == null || reason.isBlank() ? "Cancelled" : reason.strip();
        return transitions
                .apply(
                        List.of(new Change(orderId, OrderStatus.CANCELLED, actor, why, payment)),
                        applied -> events.append(List.of(events.cancelled(
                                orderId,
                                applied.getFirst().customerId(),
                                applied.getFirst().from().name()))))
                .map(applied -> applied.isEmpty()
                        ? Outcome.<UUID>rejected(new Violation(
                                ErrorCode.ORDER_NOT_CANCELLABLE,
                                List.of("input", "orderId"),
                                "Only pending or confirmed orders can be cancelled"))
                        : Outcome.done(orderId))
                .as(tx::transactional)
                .doOnSuccess(o -> events.flush());
    }

    /** Records money received; the order is paid once the total is covered. */
    public Mono<Outcome<UUID>> recordPayment(UUID orderId, BigDecimal amount, String reference) {
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            return Mono.just(Outcome.rejected(
                    Violation.of(ErrorCode.INVALID_ARGUMENT, "amount", "A positive amount with at most two decimals")));
        }
        DatabaseClient.GenericExecuteSpec spec =
                db.sql("""
                        UPDATE orders SET paid_amount = paid_amount + :amount,
                               payment_status = CASE WHEN paid_amount + :amount >= subtotal THEN 'PAID' ELSE payment_status END,
                               payment_reference = coalesce(:reference, payment_reference), updated_at = now()
                        WHERE id = :id AND payment_status IN ('PENDING', 'AUTHORIZED')
                          AND status NOT IN ('REJECTED', 'CANCELLED')""").bind("amount", amount).bind("id", orderId);
        spec = oms.platform.sql.Binds.nullable(spec, "reference", reference, String.class);
        return spec.fetch()
                .rowsUpdated()
                .map(n -> n == 1
                        ? Outcome.done(orderId)
                        : Outcome.rejected(new Violation(
                                ErrorCode.INVALID_STATUS_TRANSITION,
                                List.of("input", "orderId"),
                                "Payments are recorded for open orders that are not paid yet")));
    }
}
