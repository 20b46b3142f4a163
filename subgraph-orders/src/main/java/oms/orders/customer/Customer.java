package oms.orders.customer;

import java.util.UUID;

/**
 * The customers subgraph's Customer as this subgraph sees it: just the key, to which orders adds
 * Customer.orders. Named like the GraphQL type because federation resolves entity types by class name.
 */
public record Customer(UUID id) {}
