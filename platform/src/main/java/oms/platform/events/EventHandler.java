package oms.platform.events;

import java.util.List;
import reactor.core.publisher.Mono;

/** What a service does with events it has not processed before; runs inside the consumer's transaction. */
@FunctionalInterface
public interface EventHandler {

    /** Acts on a batch of fresh events of the types it {@link #handles}. */
    Mono<Void> handle(List<InboundEvent> events);

    /**
     * Whether events of this type are this service's business. Events of other types on the same
     * streams are acknowledged without a transaction and without being recorded as processed: they
     * change nothing, so a redelivery of them changes nothing either.
     */
    default boolean handles(String type) {
        return true;
    }
}
