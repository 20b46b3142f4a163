package oms.orders.order;

import java.util.UUID;

/** A reference to a product that the inventory subgraph resolves. */
public record ProductRef(UUID id) {}
