package oms.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProductUpsertedTest {

    @Test
    void the_catalogue_event_carries_the_whole_product_with_the_price_as_a_decimal_string() {
        UUID id = UUID.randomUUID();
        Product product = new Product(
                id,
                "MUG-1",
                "Travel Mug",
                "Hot",
                new Money(new BigDecimal("12.50"), "EUR"),
                true,
                OffsetDateTime.now(),
                OffsetDateTime.now());
        assertThat(JsonMapper.builder().build().writeValueAsString(ProductUpserted.of(product)))
                .isEqualTo(
                        "{\"productId\":\"" + id + "\",\"sku\":\"MUG-1\",\"name\":\"Travel Mug\",\"price\":\"12.50\","
                                + "\"currency\":\"EUR\",\"active\":true}");
    }
}
