package oms.customers.note;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.customers.customer.Customer;
import oms.customers.graphql.DgsConstants;
import oms.customers.graphql.types.AddCustomerNoteInput;
import oms.customers.graphql.types.CustomerNotePayload;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import oms.platform.graphql.Ids;
import oms.platform.security.Caller;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

/** CRM notes: written and read by sales and admin only. */
@DgsComponent
class CustomerNoteDataFetcher {

    private final CustomerNoteRepository notes;

    CustomerNoteDataFetcher(CustomerNoteRepository notes) {
        this.notes = notes;
    }

    @DgsData(parentType = DgsConstants.CUSTOMER.TYPE_NAME, field = DgsConstants.CUSTOMER.Notes)
    CompletableFuture<List<CustomerNote>> notes(DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.SALES);
        Customer customer = dfe.getSource();
        DataLoader<UUID, List<CustomerNote>> loader = dfe.getDataLoader(CustomerNotesLoader.class);
        return loader.load(customer.id()).thenApply(list -> list == null ? List.of() : list);
    }

    @DgsMutation
    Mono<CustomerNotePayload> addCustomerNote(
            @InputArgument AddCustomerNoteInput input, DgsDataFetchingEnvironment dfe) {
        Caller caller = Callers.of(dfe).require(Role.SALES);
        UUID customerId = Ids.parse(input.getCustomerId(), "input", "customerId");
        String body = input.getBody() == null ? "" : input.getBody().strip();
        if (body.isEmpty() || body.length() > CustomerNote.MAX_LENGTH) {
            return Mono.just(rejected(Violation.of(
                    ErrorCode.INVALID_ARGUMENT, "body", "A note has 1 to " + CustomerNote.MAX_LENGTH + " characters")));
        }
        String author = caller.username() != null ? caller.username() : caller.subject();
        return notes.insert(customerId, author, body)
                .map(note -> CustomerNotePayload.newBuilder()
                        .note(note)
                        .userErrors(List.of())
                        .build())
                .defaultIfEmpty(rejected(Violation.of(ErrorCode.NOT_FOUND, "customerId", "No such customer")));
    }

    private static CustomerNotePayload rejected(Violation violation) {
        return CustomerNotePayload.newBuilder().userErrors(List.of(violation)).build();
    }
}
