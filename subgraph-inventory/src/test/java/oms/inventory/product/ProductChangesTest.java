package oms.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductChangesTest {

    private static final Product MUG = new Product(
            UUID.randomUUID(),
            "MUG-1",
            "Travel Mug",
            "Keeps coffee hot",
            new Money(new BigDecimal("9.99"), "EUR"),
            true,
            OffsetDateTime.now(),
            OffsetDateTime.now());

    @Test
    void absent_fields_keep_their_current_value() {
        ProductDetails details = new ProductChanges(null, null, new BigDecimal("11.00"), null, null).applyTo(MUG);
        assertThat(details)
                .isEqualTo(new ProductDetails("Travel Mug", "Keeps coffee hot", new BigDecimal("11.00"), "EUR", true));
    }

    @Test
    void an_empty_description_removes_the_description() {
        assertThat(new ProductChanges(null, "", null, null, null).applyTo(MUG).description())
                .isNull();
    }

    @Test
    void a_product_can_be_deactivated() {
        assertThat(new ProductChanges(null, null, null, null, false)
                        .applyTo(MUG)
                        .active())
                .isFalse();
    }
}
