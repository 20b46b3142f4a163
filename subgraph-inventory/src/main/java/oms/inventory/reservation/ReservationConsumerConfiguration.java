package oms.inventory.reservation;

import java.util.List;
import oms.platform.events.EventConsumer;
import oms.platform.events.EventConsumers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Inventory's consumer group on the {@code orders} stream. As a bean its lifecycle follows the
 * application's: it starts reading once the context is up and stops before the database goes.
 * {@code oms.inventory.reservations.enabled=false} keeps an instance (or a test context that shares
 * Redis with another) out of the group.
 */
@Configuration(proxyBeanMethods = false)
class ReservationConsumerConfiguration {

    static final String GROUP = "inventory";
    static final String STREAM = "orders";

    @Bean
    @ConditionalOnBooleanProperty(name = "oms.inventory.reservations.enabled", matchIfMissing = true)
    EventConsumer orderEventConsumer(EventConsumers consumers, ReservationHandler handler) {
        return consumers.create(GROUP, List.of(STREAM), handler);
    }
}
