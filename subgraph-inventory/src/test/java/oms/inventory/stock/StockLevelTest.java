package oms.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StockLevelTest {

    private static StockLevel level(int onHand, int reserved) {
        return new StockLevel(UUID.randomUUID(), onHand, reserved, OffsetDateTime.now());
    }

    @Test
    void available_stock_is_what_is_on_hand_minus_what_is_reserved() {
        assertThat(level(10, 3).available()).isEqualTo(7);
        assertThat(level(5, 5).available()).isZero();
    }

    @Test
    void stock_can_be_booked_in_or_out_down_to_zero() {
        assertThat(level(10, 0).allows(5)).isTrue();
        assertThat(level(10, 0).allows(-10)).isTrue();
    }

    @Test
    void shoppers_see_in_stock_low_or_out_of_stock_never_the_numbers() {
        assertThat(level(10, 4).availability()).isEqualTo(StockLevel.Availability.IN_STOCK);
        assertThat(level(10, 5).availability()).isEqualTo(StockLevel.Availability.LOW_STOCK);
        assertThat(level(1, 0).availability()).isEqualTo(StockLevel.Availability.LOW_STOCK);
        assertThat(level(4, 4).availability()).isEqualTo(StockLevel.Availability.OUT_OF_STOCK);
    }

    @Test
    void stock_cannot_go_below_zero() {
        assertThat(level(10, 0).allows(-11)).isFalse();
    }

    @Test
    void reserved_stock_cannot_be_booked_out() {
        assertThat(level(10, 4).allows(-6)).isTrue();
        assertThat(level(10, 4).allows(-7)).isFalse();
    }

    @Test
    void a_huge_withdrawal_does_not_overflow_into_an_allowed_one() {
        assertThat(level(1, 0).allows(Integer.MIN_VALUE)).isFalse();
    }
}
