package oms.inventory.parked;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import oms.inventory.graphql.types.ParkedEvent;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import reactor.core.publisher.Mono;

/** Poison messages are an operations matter: the warehouse (whose stock they hold up) and admins see them. */
@DgsComponent
class ParkedEventDataFetcher {

    private final ParkedEventRepository parked;

    ParkedEventDataFetcher(ParkedEventRepository parked) {
        this.parked = parked;
    }

    @DgsQuery
    Mono<List<ParkedEvent>> parkedEvents(@InputArgument Integer first, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.WAREHOUSE);
        return parked.findNewest(PageRequest.of(first, null).first()).collectList();
    }
}
