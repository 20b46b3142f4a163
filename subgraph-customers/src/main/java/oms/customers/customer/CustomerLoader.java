package oms.customers.customer;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Customers by id, one query per batch: serves {@code customer(id)} and {@code _entities}. */
@DgsDataLoader(name = "customers")
class CustomerLoader implements MappedBatchLoader<UUID, Customer> {

    private final CustomerRepository customers;

    CustomerLoader(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    public CompletionStage<Map<UUID, Customer>> load(Set<UUID> ids) {
        return customers.findAllById(ids).collectMap(Customer::id).toFuture();
    }
}
