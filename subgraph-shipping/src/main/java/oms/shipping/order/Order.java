package oms.shipping.order;

import java.util.UUID;

/**
 * The orders subgraph's Order as this subgraph knows it: just its key. The router fetches the other
 * fields from orders; shipping only adds {@code Order.shipment}.
 */
public record Order(UUID id) {}
