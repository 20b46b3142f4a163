package oms.inventory.product;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A catalogue entry as stored. Its stock lives apart (see {@code oms.inventory.stock}). */
public record Product(
        UUID id,
        String sku,
        String name,
        String description,
        Money price,
        boolean active,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
