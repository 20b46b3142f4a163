package oms.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.util.List;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import org.junit.jupiter.api.Test;

class ProductDetailsTest {

    private static ProductDetails priced(String price) {
        return new ProductDetails("Travel Mug", null, new BigDecimal(price), "EUR", true);
    }

    @Test
    void a_complete_product_breaks_no_rule() {
        assertThat(new ProductDetails("Travel Mug", "Keeps coffee hot", new BigDecimal("12.50"), "EUR", true)
                        .violations())
                .isEmpty();
    }

    @Test
    void a_price_with_three_decimals_is_refused() {
        assertThat(priced("12.505").violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.INVALID_PRICE, List.of("input", "price")));
    }

    @Test
    void trailing_zeros_do_not_count_as_decimals() {
        assertThat(priced("12.500").violations()).isEmpty();
        assertThat(priced("12.500").money().amount())
                .isEqualByComparingTo("12.50")
                .hasToString("12.50");
    }

    @Test
    void a_price_must_be_positive() {
        assertThat(priced("0").violations()).extracting(Violation::code).containsExactly(ErrorCode.INVALID_PRICE);
        assertThat(priced("-1.00").violations()).extracting(Violation::code).containsExactly(ErrorCode.INVALID_PRICE);
    }

    @Test
    void a_price_may_reach_but_not_exceed_one_million() {
        assertThat(priced("1000000").violations()).isEmpty();
        assertThat(priced("1000000.01").violations())
                .extracting(Violation::code)
                .containsExactly(ErrorCode.INVALID_PRICE);
    }

    @Test
    void a_whole_number_price_is_stored_with_two_decimals() {
        assertThat(priced("7").money().amount()).hasToString("7.00");
    }

    @Test
    void the_currency_is_upper_cased_and_must_be_an_iso_4217_code() {
        assertThat(new ProductDetails("Mug", null, BigDecimal.ONE, " usd ", true)
                        .money()
                        .currency())
                .isEqualTo("USD");
        assertThat(new ProductDetails("Mug", null, BigDecimal.ONE, "XYZ", true).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(tuple(ErrorCode.INVALID_ARGUMENT, List.of("input", "currency")));
        assertThat(new ProductDetails("Mug", null, BigDecimal.ONE, "EURO", true).violations())
                .hasSize(1);
    }

    @Test
    void a_blank_description_means_no_description() {
        assertThat(new ProductDetails("Mug", "   ", BigDecimal.ONE, "EUR", true).description())
                .isNull();
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        assertThat(new ProductDetails(" ", "x".repeat(2001), null, null, true).violations())
                .extracting(v -> v.field().getLast())
                .containsExactly("name", "description", "price", "currency");
    }
}
