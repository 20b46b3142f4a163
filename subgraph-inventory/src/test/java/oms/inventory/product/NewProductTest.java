package oms.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.util.List;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import org.junit.jupiter.api.Test;

class NewProductTest {

    private static final ProductDetails MUG =
            new ProductDetails("Travel Mug", null, new BigDecimal("9.99"), "EUR", true);

    @Test
    void a_new_product_keeps_its_sku_in_upper_case() {
        NewProduct product = new NewProduct(" mug-0001 ", MUG, 5);
        assertThat(product.sku()).isEqualTo("MUG-0001");
        assertThat(product.violations()).isEmpty();
    }

    @Test
    void a_malformed_sku_is_reported_on_the_sku_field() {
        assertThat(new NewProduct("mug 1", MUG, 0).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.INVALID_ARGUMENT, List.of("input", "sku")));
    }

    @Test
    void negative_initial_stock_is_refused_as_negative_stock() {
        assertThat(new NewProduct("MUG-1", MUG, -1).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.NEGATIVE_STOCK, List.of("input", "initialStock")));
    }

    @Test
    void sku_and_detail_problems_are_reported_together() {
        ProductDetails broken = new ProductDetails("", null, new BigDecimal("1.001"), "EUR", true);
        assertThat(new NewProduct("X", broken, 0).violations())
                .extracting(Violation::code)
                .containsExactly(ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_PRICE);
    }
}
