package oms.shipping.shipment;

import io.lettuce.core.StreamMessage;
import java.util.List;
import java.util.UUID;
import oms.platform.test.TestStreams;

/** The Redis streams around shipping as the orders service sees them: it writes {@code orders}, reads {@code shipping}. */
final class EventStreams extends TestStreams {

    EventStreams(String redisUrl) {
        super(redisUrl);
    }

    void confirm(UUID eventId, UUID order, UUID customer) {
        send(
                "orders",
                eventId,
                "OrderConfirmed",
                order,
                "{\"orderId\":\"" + order + "\",\"customerId\":\"" + customer + "\"}");
    }

    void cancel(UUID order) {
        publish(
                "orders",
                "OrderCancelled",
                order,
                "{\"orderId\":\"" + order + "\",\"customerId\":\"" + UUID.randomUUID()
                        + "\",\"previousStatus\":\"CONFIRMED\"}");
    }

    /** What shipping published about an order, oldest first. */
    List<StreamMessage<String, String>> published(UUID order) {
        return entries("shipping", order);
    }
}
