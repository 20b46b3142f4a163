package oms.platform.events;

import java.util.List;
import reactor.core.publisher.Mono;

/** What a service does with events it has not processed before; runs inside the consumer's transaction. */
@FunctionalInterface
public interface EventHandler {
    Mono<Void> handle(List<InboundEvent> events);
}
