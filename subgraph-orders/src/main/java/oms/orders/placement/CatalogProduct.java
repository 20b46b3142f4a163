package oms.orders.placement;

import java.math.BigDecimal;
import java.util.UUID;

/** The orders service's copy of a catalogue entry (from inventory's ProductUpserted events). */
public record CatalogProduct(
        UUID productId, String sku, String name, BigDecimal price, String currency, boolean active) {}
