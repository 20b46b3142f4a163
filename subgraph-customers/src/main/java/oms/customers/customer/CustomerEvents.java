package oms.customers.customer;

import java.util.Collection;
import java.util.UUID;
import oms.platform.events.OutboundEvent;
import oms.platform.events.Outbox;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the customers service tells others: {@code CustomerUpserted} on stream {@code customers}
 * whenever a customer is created or changes (orders keeps a replica of id, status and linked account
 * to validate new orders without calling this service). Written in the caller's transaction.
 */
@Component
public class CustomerEvents {

    public static final String STREAM = "customers";

    private final Outbox outbox;
    private final JsonMapper json;

    CustomerEvents(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    record CustomerUpserted(UUID customerId, String status, String subject) {}

    Mono<Customer> upserted(Customer customer) {
        return outbox.append(event(customer.id(), customer.status(), customer.subject()))
                .thenReturn(customer);
    }

    /** A customer as the demo seed writes it. */
    public record Seeded(UUID id, String status, String subject) {}

    /** One outbox statement for many customers (seeding). */
    public Mono<Void> upserted(Collection<Seeded> customers) {
        return outbox.append(customers.stream()
                .map(c -> event(c.id(), CustomerStatus.valueOf(c.status()), c.subject()))
                .toList());
    }

    void flush() {
        outbox.flushSoon();
    }

    private OutboundEvent event(UUID id, CustomerStatus status, String subject) {
        return OutboundEvent.of(
                STREAM,
                "CustomerUpserted",
                id,
                json.writeValueAsString(new CustomerUpserted(id, status.name(), subject)));
    }
}
