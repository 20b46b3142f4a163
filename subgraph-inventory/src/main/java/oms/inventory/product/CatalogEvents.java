package oms.inventory.product;

import java.util.Collection;
import java.util.List;
import oms.platform.events.OutboundEvent;
import oms.platform.events.Outbox;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the catalogue on the {@code catalog} stream through the outbox: call {@link #upserted}
 * inside the transaction that changes the products, and {@link #flushSoon()} after it commits.
 */
@Component
public class CatalogEvents {

    static final String STREAM = "catalog";

    private final Outbox outbox;
    private final JsonMapper json;

    CatalogEvents(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    Mono<Void> upserted(Product product) {
        return upserted(List.of(ProductUpserted.of(product)));
    }

    /** Any number of products in one statement. */
    public Mono<Void> upserted(Collection<ProductUpserted> products) {
        return outbox.append(products.stream()
                .map(p -> OutboundEvent.of(STREAM, ProductUpserted.TYPE, p.productId(), json.writeValueAsString(p)))
                .toList());
    }

    /** Publishes now rather than at the relay's next poll; only useful once the transaction committed. */
    public void flushSoon() {
        outbox.flushSoon();
    }
}
