package oms.customers.note;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** The notes of many customers in one query. */
@DgsDataLoader(name = "customerNotes")
class CustomerNotesLoader implements MappedBatchLoader<UUID, List<CustomerNote>> {

    private final CustomerNoteRepository notes;

    CustomerNotesLoader(CustomerNoteRepository notes) {
        this.notes = notes;
    }

    @Override
    public CompletionStage<Map<UUID, List<CustomerNote>>> load(Set<UUID> customerIds) {
        return notes.findByCustomerIds(customerIds).collect(Collectors.groupingBy(CustomerNote::customerId)).toFuture();
    }
}
