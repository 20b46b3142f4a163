package oms.customers.address;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import oms.customers.customer.Customer;
import oms.customers.graphql.DgsConstants;
import org.dataloader.DataLoader;

@DgsComponent
class AddressDataFetcher {

    @DgsData(parentType = DgsConstants.CUSTOMER.TYPE_NAME, field = DgsConstants.CUSTOMER.Addresses)
    CompletableFuture<List<Address>> addresses(DgsDataFetchingEnvironment dfe) {
        return addressesOf(dfe);
    }

    @DgsData(parentType = DgsConstants.CUSTOMER.TYPE_NAME, field = DgsConstants.CUSTOMER.DefaultAddress)
    CompletableFuture<Address> defaultAddress(DgsDataFetchingEnvironment dfe) {
        return addressesOf(dfe)
                .thenApply(all -> all.stream()
                        .filter(Address::isDefault)
                        .findFirst()
                        .orElse(all.isEmpty() ? null : all.getFirst()));
    }

    private static CompletableFuture<List<Address>> addressesOf(DgsDataFetchingEnvironment dfe) {
        Customer customer = dfe.getSource();
        DataLoader<java.util.UUID, List<Address>> loader = dfe.getDataLoader(AddressesLoader.class);
        return loader.load(customer.id()).thenApply(list -> list == null ? List.of() : list);
    }
}
