package oms.customers.address;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Addresses of many customers in one query. */
@DgsDataLoader(name = "addressesByCustomer")
class AddressesLoader implements MappedBatchLoader<UUID, List<Address>> {

    private final AddressRepository addresses;

    AddressesLoader(AddressRepository addresses) {
        this.addresses = addresses;
    }

    @Override
    public CompletionStage<Map<UUID, List<Address>>> load(Set<UUID> customerIds) {
        return addresses.findByCustomerIds(customerIds)
                .collect(Collectors.groupingBy(Address::customerId))
                .toFuture();
    }
}
