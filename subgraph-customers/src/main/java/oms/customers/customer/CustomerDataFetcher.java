package oms.customers.customer;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.customers.address.AddressDraft;
import oms.customers.graphql.DgsConstants;
import oms.customers.graphql.types.AddCustomerAddressInput;
import oms.customers.graphql.types.AddressInput;
import oms.customers.graphql.types.CustomerConnection;
import oms.customers.graphql.types.CustomerEdge;
import oms.customers.graphql.types.CustomerPayload;
import oms.customers.graphql.types.RegisterCustomerInput;
import oms.customers.graphql.types.UpdateCustomerInput;
import oms.platform.error.DomainException;
import oms.platform.error.Outcome;
import oms.platform.graphql.Ids;
import oms.platform.pagination.PageRequest;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

@DgsComponent
public class CustomerDataFetcher {

    private final CustomerService service;

    CustomerDataFetcher(CustomerService service) {
        this.service = service;
    }

    @DgsQuery
    CompletableFuture<Customer> customer(@InputArgument String id, DgsDataFetchingEnvironment dfe) {
        UUID customerId = Ids.parse(id, "id");
        return loader(dfe).load(customerId).thenApply(c -> {
            if (c == null) {
                throw DomainException.notFound("Customer", id);
            }
            return c;
        });
    }

    @DgsQuery
    Mono<CustomerConnection> customers(@InputArgument Integer first, @InputArgument String after,
                                       @InputArgument String search) {
        PageRequest request = PageRequest.of(first, after);
        return service.page(search, request).map(page -> CustomerConnection.newBuilder()
                .edges(page.edges((cursor, node) -> CustomerEdge.newBuilder().cursor(cursor).node(node).build()))
                .pageInfo(page.pageInfo())
                .build());
    }

    @DgsEntityFetcher(name = DgsConstants.CUSTOMER.TYPE_NAME)
    public CompletableFuture<Customer> customerEntity(Map<String, Object> values, DgsDataFetchingEnvironment dfe) {
        return Ids.tryParse(values.get("id"))
                .map(id -> loader(dfe).load(id))
                .orElse(CompletableFuture.completedFuture(null));
    }

    @DgsMutation
    Mono<CustomerPayload> registerCustomer(@InputArgument RegisterCustomerInput input) {
        CustomerDraft draft = new CustomerDraft(input.getEmail(), input.getFirstName(), input.getLastName(),
                input.getPhone(), input.getTags());
        AddressDraft address = input.getAddress() == null ? null : addressDraft(input.getAddress());
        return service.register(draft, address).map(CustomerDataFetcher::payload);
    }

    @DgsMutation
    Mono<CustomerPayload> updateCustomer(@InputArgument UpdateCustomerInput input) {
        CustomerChanges changes = new CustomerChanges(input.getEmail(), input.getFirstName(), input.getLastName(),
                input.getPhone(), input.getTags(), input.getStatus());
        return service.update(Ids.parse(input.getId(), "input", "id"), changes).map(CustomerDataFetcher::payload);
    }

    @DgsMutation
    Mono<CustomerPayload> addCustomerAddress(@InputArgument AddCustomerAddressInput input) {
        return service.addAddress(Ids.parse(input.getCustomerId(), "input", "customerId"), addressDraft(input.getAddress()))
                .map(CustomerDataFetcher::payload);
    }

    private static AddressDraft addressDraft(AddressInput a) {
        return new AddressDraft(a.getLabel(), a.getLine1(), a.getLine2(), a.getCity(), a.getPostalCode(),
                a.getCountry(), Boolean.TRUE.equals(a.getIsDefault()));
    }

    private static CustomerPayload payload(Outcome<Customer> outcome) {
        return switch (outcome) {
            case Outcome.Done<Customer> done -> CustomerPayload.newBuilder().customer(done.value()).userErrors(java.util.List.of()).build();
            case Outcome.Rejected<Customer> rejected -> CustomerPayload.newBuilder().userErrors(rejected.violations()).build();
        };
    }

    private static DataLoader<UUID, Customer> loader(DgsDataFetchingEnvironment dfe) {
        return dfe.getDataLoader(CustomerLoader.class);
    }
}
