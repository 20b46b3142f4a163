package oms.platform.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The demo data set, generated deterministically so that every subgraph seeds its own slice and the
 * slices agree: customer ids in orders exist in customers, product ids and prices match inventory,
 * shipments exist for exactly the shipped orders. Timestamps are anchored to the seeding day.
 */
public record DemoData(
        List<DemoCustomer> customers,
        List<DemoProduct> products,
        List<DemoOrder> orders,
        List<DemoShipment> shipments) {

    public static final int CUSTOMERS = 60;
    public static final int PRODUCTS = 200;
    public static final int ORDERS = 500;

    public record Address(String line1, String city, String postalCode, String country) {}

    /** A demo customer; {@code subject} is the demo login linked to it (alice, bob), else null. */
    public record DemoCustomer(
            UUID id,
            String firstName,
            String lastName,
            String email,
            String phone,
            String status,
            List<String> tags,
            Address address,
            Instant createdAt,
            String subject) {}

    public record DemoProduct(
            UUID id,
            String sku,
            String name,
            String description,
            BigDecimal price,
            String currency,
            boolean active,
            int onHand,
            int reserved) {}

    public record DemoLine(UUID productId, String sku, String productName, int quantity, BigDecimal unitPrice) {}

    public record DemoStatusChange(
            int version, String fromStatus, String toStatus, String actor, String reason, Instant at) {}

    public record DemoOrder(
            UUID id,
            long number,
            UUID customerId,
            List<DemoLine> lines,
            Address shippingAddress,
            String paymentMethod,
            String status,
            String paymentStatus,
            Instant placedAt,
            List<DemoStatusChange> history) {}

    public record DemoShipmentEvent(String status, String location, String description, Instant at) {}

    public record DemoShipment(
            UUID id,
            UUID orderId,
            UUID customerId,
            String carrier,
            String trackingNumber,
            String status,
            Instant createdAt,
            List<DemoShipmentEvent> events) {}

    public static UUID id(String kind, int n) {
        return UUID.nameUUIDFromBytes((kind + ":" + n).getBytes(StandardCharsets.UTF_8));
    }

    /** The data set for the day that contains {@code now}. */
    public static DemoData generate(Instant now) {
        return new DemoGenerator(new Random(20_261_123L), now.truncatedTo(ChronoUnit.DAYS)).generate();
    }

    static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }
}
