package oms.platform.demo;

import static oms.platform.demo.DemoData.id;
import static oms.platform.demo.DemoData.money;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import oms.platform.demo.DemoData.Address;
import oms.platform.demo.DemoData.DemoCustomer;
import oms.platform.demo.DemoData.DemoLine;
import oms.platform.demo.DemoData.DemoOrder;
import oms.platform.demo.DemoData.DemoProduct;
import oms.platform.demo.DemoData.DemoShipment;
import oms.platform.demo.DemoData.DemoShipmentEvent;
import oms.platform.demo.DemoData.DemoStatusChange;

final class DemoGenerator {

    private static final String[] FIRST = {
        "Alice", "Bob", "Chiara", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Keiko", "Lars", "Maya",
        "Noah", "Olga", "Pablo", "Qi", "Rosa", "Sven", "Tariq"
    };
    private static final String[] LAST = {
        "Andersen",
        "Bauer",
        "Costa",
        "Dubois",
        "Eriksen",
        "Fischer",
        "Garcia",
        "Hansen",
        "Ivanova",
        "Jensen",
        "Kowalski",
        "Lopez",
        "Moreau",
        "Nakamura",
        "Olsen",
        "Petrov"
    };
    private static final String[][] CITIES = {
        {"Berlin", "DE", "10115"},
        {"Paris", "FR", "75002"},
        {"Madrid", "ES", "28013"},
        {"Milan", "IT", "20121"},
        {"Amsterdam", "NL", "1012"},
        {"Vienna", "AT", "1010"},
        {"Copenhagen", "DK", "1050"},
        {"Warsaw", "PL", "00-001"}
    };
    private static final String[] STREETS = {
        "Harbour Street",
        "Linden Avenue",
        "Market Square",
        "Mill Lane",
        "Station Road",
        "Park Row",
        "Church Street",
        "River Walk"
    };
    private static final String[] TAGS = {"vip", "wholesale", "newsletter", "b2b", "returning", "first-order"};
    private static final String[] ADJECTIVES = {
        "Classic", "Eco", "Pro", "Compact", "Deluxe", "Travel", "Urban", "Heritage", "Smart", "Everyday"
    };
    private static final String[][] NOUNS = {
        {"Backpack", "BAG"},
        {"Water Bottle", "BTL"},
        {"Desk Lamp", "LMP"},
        {"Coffee Grinder", "CGR"},
        {"Running Shoe", "SHO"},
        {"Rain Jacket", "JKT"},
        {"Notebook", "NTB"},
        {"Headphones", "HPH"},
        {"Chef Knife", "KNF"},
        {"Yoga Mat", "YGM"},
        {"Wool Scarf", "SCF"},
        {"Tea Kettle", "KTL"},
        {"Bike Light", "BKL"},
        {"Phone Case", "PHC"},
        {"Sunglasses", "SUN"},
        {"Wall Clock", "CLK"},
        {"Cutting Board", "CBD"},
        {"Travel Mug", "MUG"},
        {"Tent", "TNT"},
        {"Pillow", "PLW"}
    };
    private static final String[] PAYMENT_METHODS = {"CARD", "CARD", "CARD", "PAYPAL", "BANK_TRANSFER", "INVOICE"};
    private static final String[] CARRIERS = {"DHL", "UPS", "DPD", "GLS", "FEDEX"};

    private final Random random;
    private final Instant today;

    DemoGenerator(Random random, Instant today) {
        this.random = random;
        this.today = today;
    }

    DemoData generate() {
        List<DemoCustomer> customers = customers();
        List<DemoProduct> products = products();
        List<DemoOrder> orders = new ArrayList<>();
        List<DemoShipment> shipments = new ArrayList<>();
        Map<UUID, Integer> reserved = new HashMap<>();
        for (int n = 1; n <= DemoData.ORDERS; n++) {
            DemoOrder order = order(n, customers, products);
            orders.add(order);
            if (order.status().equals("CONFIRMED")) {
                order.lines().forEach(l -> reserved.merge(l.productId(), l.quantity(), Integer::sum));
            }
            if (List.of("CONFIRMED", "SHIPPED", "DELIVERED").contains(order.status())) {
                shipments.add(shipment(n, order));
            }
        }
        List<DemoProduct> stocked = products.stream()
                .map(p -> new DemoProduct(
                        p.id(),
                        p.sku(),
                        p.name(),
                        p.description(),
                        p.price(),
                        p.currency(),
                        p.active(),
                        p.onHand() + reserved.getOrDefault(p.id(), 0),
                        reserved.getOrDefault(p.id(), 0)))
                .toList();
        return new DemoData(customers, stocked, List.copyOf(orders), List.copyOf(shipments));
    }

    private List<DemoCustomer> customers() {
        List<DemoCustomer> result = new ArrayList<>();
        for (int n = 1; n <= DemoData.CUSTOMERS; n++) {
            String first = FIRST[(n - 1) % FIRST.length];
            String last = LAST[(n * 7) % LAST.length];
            String email = (first + "." + last + (n > FIRST.length ? n : "")).toLowerCase() + "@example.com";
            Set<String> tags = new LinkedHashSet<>();
            for (int t = 0; t < random.nextInt(3); t++) {
                tags.add(TAGS[random.nextInt(TAGS.length)]);
            }
            String status = n % 29 == 0 ? "BLOCKED" : "ACTIVE";
            result.add(new DemoCustomer(
                    id("customer", n),
                    first,
                    last,
                    email,
                    "+49 30 " + (5550000 + n),
                    status,
                    List.copyOf(tags),
                    address(),
                    today.minus(Duration.ofDays(120 + random.nextInt(600))),
                    linkedLogin(n)));
        }
        return result;
    }

    private static String linkedLogin(int n) {
        return switch (n) {
            case 1 -> DemoLogins.ALICE.toString();
            case 2 -> DemoLogins.BOB.toString();
            default -> null;
        };
    }

    private Address address() {
        String[] city = CITIES[random.nextInt(CITIES.length)];
        return new Address(
                (1 + random.nextInt(180)) + " " + STREETS[random.nextInt(STREETS.length)], city[0], city[2], city[1]);
    }

    private List<DemoProduct> products() {
        List<DemoProduct> result = new ArrayList<>();
        for (int n = 1; n <= DemoData.PRODUCTS; n++) {
            String[] noun = NOUNS[(n - 1) % NOUNS.length];
            String adjective = ADJECTIVES[((n - 1) / NOUNS.length) % ADJECTIVES.length];
            String name = adjective + " " + noun[0];
            BigDecimal price = money(4.99 + random.nextInt(240) + random.nextInt(100) / 100.0);
            result.add(new DemoProduct(
                    id("product", n),
                    "%s-%04d".formatted(noun[1], n),
                    name,
                    "The " + name.toLowerCase() + ", built to last.",
                    price,
                    "EUR",
                    n % 41 != 0,
                    n % 37 == 0 ? 0 : 20 + random.nextInt(480),
                    0));
        }
        return result;
    }

    private DemoOrder order(int n, List<DemoCustomer> customers, List<DemoProduct> products) {
        DemoCustomer customer = customers.get(random.nextInt(customers.size()));
        List<DemoLine> lines = new ArrayList<>();
        Set<Integer> used = new LinkedHashSet<>();
        int lineCount = 1 + random.nextInt(4);
        while (used.size() < lineCount) {
            int index = random.nextInt(products.size());
            if (products.get(index).active() && used.add(index)) {
                DemoProduct p = products.get(index);
                lines.add(new DemoLine(p.id(), p.sku(), p.name(), 1 + random.nextInt(3), p.price()));
            }
        }
        String status = statusFor(n);
        Instant placedAt = today.minus(Duration.ofMinutes(10 + (long) random.nextInt(60 * 24 * 90)));
        String actor = "customer:" + customer.id();
        List<DemoStatusChange> history = new ArrayList<>();
        history.add(new DemoStatusChange(1, null, "PENDING", actor, "Order placed", placedAt));
        Instant t = placedAt.plusSeconds(2);
        switch (status) {
            case "REJECTED" ->
                history.add(new DemoStatusChange(2, "PENDING", "REJECTED", "inventory", "OUT_OF_STOCK", t));
            case "CANCELLED" ->
                history.add(
                        new DemoStatusChange(2, "PENDING", "CANCELLED", actor, "Changed my mind", t.plusSeconds(600)));
            case "CONFIRMED", "SHIPPED", "DELIVERED" -> {
                history.add(new DemoStatusChange(2, "PENDING", "CONFIRMED", "inventory", "Stock reserved", t));
                if (!status.equals("CONFIRMED")) {
                    history.add(new DemoStatusChange(
                            3,
                            "CONFIRMED",
                            "SHIPPED",
                            "shipping",
                            "Shipment dispatched",
                            t.plus(Duration.ofHours(20))));
                }
                if (status.equals("DELIVERED")) {
                    history.add(new DemoStatusChange(
                            4,
                            "SHIPPED",
                            "DELIVERED",
                            "shipping",
                            "Delivered to recipient",
                            t.plus(Duration.ofHours(60))));
                }
            }
            default -> {}
        }
        String paymentStatus = switch (status) {
            case "PENDING" -> "PENDING";
            case "CONFIRMED" -> "AUTHORIZED";
            case "REJECTED" -> "VOIDED";
            case "CANCELLED" -> n % 2 == 0 ? "REFUND_DUE" : "VOIDED";
            default -> "PAID";
        };
        return new DemoOrder(
                id("order", n),
                n,
                customer.id(),
                List.copyOf(lines),
                customer.address(),
                PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)],
                status,
                paymentStatus,
                placedAt,
                List.copyOf(history));
    }

    /** Every status is represented; recent-looking numbers are the ones still in flight. */
    private static String statusFor(int n) {
        int slot = n % 25;
        if (slot < 2) return "PENDING";
        if (slot < 6) return "CONFIRMED";
        if (slot < 8) return "REJECTED";
        if (slot < 10) return "CANCELLED";
        if (slot < 15) return "SHIPPED";
        return "DELIVERED";
    }

    private DemoShipment shipment(int n, DemoOrder order) {
        String carrier = CARRIERS[random.nextInt(CARRIERS.length)];
        String tracking = carrier + String.format("%010d", 1_000_000L * n + random.nextInt(1_000_000));
        Instant created = order.history().get(1).at().plusSeconds(5);
        List<DemoShipmentEvent> events = new ArrayList<>();
        events.add(
                new DemoShipmentEvent("PENDING", "Warehouse Hamburg", "Shipment created, awaiting dispatch", created));
        String status = "PENDING";
        if (!order.status().equals("CONFIRMED")) {
            Instant shipped = order.history().get(2).at();
            events.add(new DemoShipmentEvent("DISPATCHED", "Warehouse Hamburg", "Handed to " + carrier, shipped));
            events.add(new DemoShipmentEvent(
                    "IN_TRANSIT",
                    "Hub " + order.shippingAddress().country(),
                    "Arrived at sorting hub",
                    shipped.plus(Duration.ofHours(18))));
            status = "IN_TRANSIT";
            if (order.status().equals("DELIVERED")) {
                events.add(new DemoShipmentEvent(
                        "DELIVERED",
                        order.shippingAddress().city(),
                        "Delivered",
                        order.history().get(3).at()));
                status = "DELIVERED";
            }
        }
        return new DemoShipment(
                id("shipment", n),
                order.id(),
                order.customerId(),
                carrier,
                status.equals("PENDING") ? null : tracking,
                status,
                created,
                List.copyOf(events));
    }
}
