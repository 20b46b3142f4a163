package oms.orders.order;

import oms.orders.graphql.types.OrderConnection;
import oms.orders.graphql.types.OrderEdge;
import oms.platform.pagination.Page;

/** Relay connection of orders. */
public final class OrderConnections {

    private OrderConnections() {}

    public static OrderConnection of(Page<Order> page) {
        return OrderConnection.newBuilder()
                .edges(page.edges((cursor, node) ->
                        OrderEdge.newBuilder().cursor(cursor).node(node).build()))
                .pageInfo(page.pageInfo())
                .build();
    }
}
