package oms.customers.note;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.platform.graphql.ReactiveBatchLoader;
import reactor.core.publisher.Mono;

/** The notes of many customers in one query. */
@DgsDataLoader(name = "customerNotes")
class CustomerNotesLoader implements ReactiveBatchLoader<UUID, List<CustomerNote>> {

    private final CustomerNoteRepository notes;

    CustomerNotesLoader(CustomerNoteRepository notes) {
        this.notes = notes;
    }

    @Override
    public Mono<Map<UUID, List<CustomerNote>>> loadBatch(Set<UUID> customerIds) {
        return notes.findByCustomerIds(customerIds).collect(Collectors.groupingBy(CustomerNote::customerId));
    }
}
