package oms.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import org.junit.jupiter.api.Test;

class StockAdjustmentTest {

    @Test
    void an_adjustment_with_a_reason_breaks_no_rule() {
        assertThat(new StockAdjustment(-3, "Damaged in warehouse").violations()).isEmpty();
        assertThat(new StockAdjustment(1_000_000, "Goods received").violations())
                .isEmpty();
    }

    @Test
    void an_adjustment_of_zero_is_refused() {
        assertThat(new StockAdjustment(0, "Nothing").violations())
                .extracting(Violation::code, v -> v.field().getLast())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.INVALID_ARGUMENT, "delta"));
    }

    @Test
    void an_adjustment_beyond_one_million_units_is_refused() {
        assertThat(new StockAdjustment(-1_000_001, "Typo").violations())
                .extracting(v -> v.field().getLast())
                .containsExactly("delta");
        assertThat(new StockAdjustment(Integer.MIN_VALUE, "Typo").violations()).hasSize(1);
    }

    @Test
    void the_reason_is_trimmed_and_must_be_1_to_200_characters() {
        assertThat(new StockAdjustment(1, "  Goods received ").reason()).isEqualTo("Goods received");
        assertThat(new StockAdjustment(1, "   ").violations())
                .extracting(v -> v.field().getLast())
                .containsExactly("reason");
        assertThat(new StockAdjustment(1, "x".repeat(201)).violations()).hasSize(1);
        assertThat(new StockAdjustment(1, "x".repeat(200)).violations()).isEmpty();
    }
}
