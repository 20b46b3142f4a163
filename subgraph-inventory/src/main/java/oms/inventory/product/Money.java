package oms.inventory.product;

import java.math.BigDecimal;

/** An amount in an ISO 4217 currency; the same shape as the orders subgraph's shareable Money. */
public record Money(BigDecimal amount, String currency) {}
