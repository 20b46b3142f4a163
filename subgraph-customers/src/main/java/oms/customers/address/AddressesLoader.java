package oms.customers.address;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** Addresses of many customers in one query. */
@DgsDataLoader(name = "addressesByCustomer")
class AddressesLoader implements ReactiveBatchLoader<UUID, List<Address>> {

    private final AddressRepository addresses;

    AddressesLoader(AddressRepository addresses) {
        this.addresses = addresses;
    }

    @Override
    public Mono<Map<UUID, List<Address>>> loadBatch(Set<UUID> customerIds) {
        return addresses.findByCustomerIds(customerIds).collect(Collectors.groupingBy(Address::customerId));
    }
}
