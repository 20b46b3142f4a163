package oms.customers.customer;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import oms.platform.events.Outbox;
import oms.platform.events.OutboundEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the customers service tells others: {@code CustomerUpserted} on stream {@code customers}
 * whenever a customer is created or changes (orders keeps a replica of id and status to validate
 * new orders without calling this service). Written in the caller's transaction.
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

    record CustomerUpserted(UUID customerId, String status) {}

    Mono<Customer> upserted(Customer customer) {
        return outbox.append(event(customer.id(), customer.status())).thenReturn(customer);
    }

    /** One outbox statement for many customers (seeding). */
    public Mono<Void> upserted(Collection<UUID> ids, Collection<String> statuses) {
        var idList = List.copyOf(ids);
        var statusList = List.copyOf(statuses);
        return outbox.append(java.util.stream.IntStream.range(0, idList.size())
                .mapToObj(i -> event(idList.get(i), CustomerStatus.valueOf(statusList.get(i)))).toList());
    }

    void flush() {
        outbox.flushSoon();
    }

    private OutboundEvent event(UUID id, CustomerStatus status) {
        return OutboundEvent.of(STREAM, "CustomerUpserted", id,
                json.writeValueAsString(new CustomerUpserted(id, status.name())));
    }
}
