package oms.customers.customer;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** Customers by id, one query per batch: serves {@code customer(id)} and {@code _entities}. */
@DgsDataLoader(name = "customers")
class CustomerLoader implements ReactiveBatchLoader<UUID, Customer> {

    private final CustomerRepository customers;

    CustomerLoader(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    public Mono<Map<UUID, Customer>> loadBatch(Set<UUID> ids) {
        return customers.findAllById(ids).collectMap(Customer::id);
    }
}
