package oms.platform.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    private final DemoData data = DemoData.generate(Instant.parse("2026-11-23T10:00:00Z"));

    @Test
    void every_service_generates_the_same_data_for_the_same_day() {
        assertThat(DemoData.generate(Instant.parse("2026-11-23T23:59:00Z"))).isEqualTo(data);
    }

    @Test
    void there_are_enough_customers_products_and_orders_in_every_status() {
        assertThat(data.customers()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(data.products()).hasSize(200);
        assertThat(data.orders()).hasSize(500);
        assertThat(data.orders().stream().map(DemoData.DemoOrder::status).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("PENDING", "CONFIRMED", "REJECTED", "SHIPPED", "DELIVERED", "CANCELLED");
    }

    @Test
    void shipments_exist_exactly_for_confirmed_shipped_and_delivered_orders_of_the_right_customer() {
        Map<UUID, DemoData.DemoOrder> orders =
                data.orders().stream().collect(Collectors.toMap(DemoData.DemoOrder::id, o -> o));
        long expected = data.orders().stream()
                .filter(o -> Set.of("CONFIRMED", "SHIPPED", "DELIVERED").contains(o.status()))
                .count();
        assertThat(data.shipments()).hasSize((int) expected);
        data.shipments()
                .forEach(s -> assertThat(orders.get(s.orderId()).customerId()).isEqualTo(s.customerId()));
    }

    @Test
    void reserved_stock_is_what_the_confirmed_orders_hold_and_never_more_than_on_hand() {
        Map<UUID, Integer> held = data.orders().stream()
                .filter(o -> o.status().equals("CONFIRMED"))
                .flatMap(o -> o.lines().stream())
                .collect(Collectors.toMap(DemoData.DemoLine::productId, DemoData.DemoLine::quantity, Integer::sum));
        data.products().forEach(p -> {
            assertThat(p.reserved()).isEqualTo(held.getOrDefault(p.id(), 0));
            assertThat(p.reserved()).isLessThanOrEqualTo(p.onHand());
        });
    }

    @Test
    void the_demo_logins_alice_and_bob_own_the_first_two_customers() {
        assertThat(data.customers().get(0).subject()).isEqualTo(DemoLogins.ALICE.toString());
        assertThat(data.customers().get(1).id()).isEqualTo(DemoLogins.BOB_CUSTOMER);
    }
}
