package oms.orders.customer;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import oms.orders.graphql.DgsConstants;
import oms.orders.graphql.types.OrderConnection;
import oms.orders.order.OrderConnections;
import oms.orders.order.OrderStatus;
import oms.platform.graphql.Ids;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Callers;
import oms.platform.security.PublicEntity;
import oms.platform.security.Role;
import org.dataloader.DataLoader;

/** Customer.orders: the orders subgraph's contribution to the customers' entity. */
@DgsComponent
public class CustomerOrdersFetcher {

    @DgsEntityFetcher(name = DgsConstants.CUSTOMER.TYPE_NAME)
    @PublicEntity("a key stub: Customer.orders checks the caller")
    public Customer customer(Map<String, Object> values) {
        return Ids.tryParse(values.get("id")).map(Customer::new).orElse(null);
    }

    @DgsData(parentType = DgsConstants.CUSTOMER.TYPE_NAME, field = DgsConstants.CUSTOMER.Orders)
    CompletableFuture<OrderConnection> orders(
            @InputArgument Integer first,
            @InputArgument String after,
            @InputArgument List<OrderStatus> status,
            DgsDataFetchingEnvironment dfe) {
        Customer customer = dfe.getSource();
        Callers.of(dfe).requireCustomerAccess(customer.id(), Role.SALES, Role.WAREHOUSE);
        PageRequest page = PageRequest.of(first, after);
        DataLoader<CustomerOrdersLoader.Key, oms.platform.pagination.Page<oms.orders.order.Order>> loader =
                dfe.getDataLoader(CustomerOrdersLoader.class);
        return loader.load(new CustomerOrdersLoader.Key(
                        customer.id(), page, status == null ? Set.of() : Set.copyOf(status)))
                .thenApply(OrderConnections::of);
    }
}
