package oms.customers.customer;

import com.netflix.graphql.dgs.DgsComponent;
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
import oms.customers.graphql.types.RegisterMyProfileInput;
import oms.customers.graphql.types.UpdateCustomerInput;
import oms.platform.error.DomainException;
import oms.platform.error.Outcome;
import oms.platform.graphql.Ids;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Caller;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

@DgsComponent
public class CustomerDataFetcher {

    private final CustomerService service;

    CustomerDataFetcher(CustomerService service) {
        this.service = service;
    }

    @DgsQuery
    Mono<Customer> me(DgsDataFetchingEnvironment dfe) {
        return service.mine(Callers.of(dfe).requireAuthenticated());
    }

    @DgsQuery
    CompletableFuture<Customer> customer(@InputArgument String id, DgsDataFetchingEnvironment dfe) {
        UUID customerId = Ids.parse(id, "id");
        CustomerAccess.requireReadable(Callers.of(dfe), customerId);
        return loader(dfe).load(customerId).thenApply(c -> {
            if (c == null) {
                throw DomainException.notFound("Customer", id);
            }
            return c;
        });
    }

    @DgsQuery
    Mono<CustomerConnection> customers(
            @InputArgument Integer first,
            @InputArgument String after,
            @InputArgument String search,
            DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.SALES);
        PageRequest request = PageRequest.of(first, after);
        return service.page(search, request)
                .map(page -> CustomerConnection.newBuilder()
                        .edges(page.edges((cursor, node) -> CustomerEdge.newBuilder()
                                .cursor(cursor)
                                .node(node)
                                .build()))
                        .pageInfo(page.pageInfo())
                        .build());
    }

    @DgsEntityFetcher(name = DgsConstants.CUSTOMER.TYPE_NAME)
    public CompletableFuture<Customer> customerEntity(Map<String, Object> values, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe);
        return Ids.tryParse(values.get("id"))
                .map(id -> {
                    CustomerAccess.requireReadable(caller, id);
                    return loader(dfe).load(id);
                })
                .orElse(CompletableFuture.completedFuture(null));
    }

    @DgsMutation
    Mono<CustomerPayload> registerCustomer(@InputArgument RegisterCustomerInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.SALES);
        CustomerDraft draft = new CustomerDraft(
                input.getEmail(), input.getFirstName(), input.getLastName(), input.getPhone(), input.getTags());
        AddressDraft address = input.getAddress() == null ? null : addressDraft(input.getAddress());
        return service.register(draft, address).map(CustomerDataFetcher::payload);
    }

    @DgsMutation
    Mono<CustomerPayload> registerMyProfile(
            @InputArgument RegisterMyProfileInput input, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).require(Role.CUSTOMER);
        String email = input.getEmail() != null ? input.getEmail() : caller.email();
        CustomerDraft draft =
                new CustomerDraft(email, input.getFirstName(), input.getLastName(), input.getPhone(), null);
        AddressDraft address = input.getAddress() == null ? null : addressDraft(input.getAddress());
        return service.registerMine(caller, draft, address).map(CustomerDataFetcher::payload);
    }

    @DgsMutation
    Mono<CustomerPayload> updateCustomer(@InputArgument UpdateCustomerInput input, DgsDataFetchingEnvironment dfe) {
        UUID id = Ids.parse(input.getId(), "input", "id");
        Caller caller = Callers.of(dfe).requireCustomerAccess(id, Role.SALES);
        if (!caller.has(Role.SALES) && (input.getStatus() != null || input.getTags() != null)) {
            throw Caller.forbidden();
        }
        CustomerChanges changes = new CustomerChanges(
                input.getEmail(),
                input.getFirstName(),
                input.getLastName(),
                input.getPhone(),
                input.getTags(),
                input.getStatus());
        return service.update(id, changes).map(CustomerDataFetcher::payload);
    }

    @DgsMutation
    Mono<CustomerPayload> addCustomerAddress(
            @InputArgument AddCustomerAddressInput input, DgsDataFetchingEnvironment dfe) {
        UUID id = Ids.parse(input.getCustomerId(), "input", "customerId");
        Callers.of(dfe).requireCustomerAccess(id, Role.SALES);
        return service.addAddress(id, addressDraft(input.getAddress())).map(CustomerDataFetcher::payload);
    }

    private static AddressDraft addressDraft(AddressInput a) {
        return new AddressDraft(
                a.getLabel(),
                a.getLine1(),
                a.getLine2(),
                a.getCity(),
                a.getPostalCode(),
                a.getCountry(),
                Boolean.TRUE.equals(a.getIsDefault()));
    }

    private static CustomerPayload payload(Outcome<Customer> outcome) {
        return switch (outcome) {
            case Outcome.Done<Customer> done ->
                CustomerPayload.newBuilder()
                        .customer(done.value())
                        .userErrors(java.util.List.of())
                        .build();
            case Outcome.Rejected<Customer> rejected ->
                CustomerPayload.newBuilder().userErrors(rejected.violations()).build();
        };
    }

    private static DataLoader<UUID, Customer> loader(DgsDataFetchingEnvironment dfe) {
        return dfe.getDataLoader(CustomerLoader.class);
    }
}
