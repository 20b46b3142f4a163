package oms.shipping.order;

import java.util.List;
import oms.platform.events.EventConsumer;
import oms.platform.events.EventConsumers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the orders stream in the consumer group {@code shipping}, which every shipping instance joins,
 * so each event is handled by one of them. The consumer starts and stops with the application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "oms.shipping.order-events.enabled", matchIfMissing = true)
class OrderEventsConfiguration {

    @Bean
    EventConsumer orderEventsConsumer(EventConsumers consumers, OrderEventHandler handler) {
        return consumers.create("shipping", List.of("orders"), handler);
    }
}
