package oms.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void available_units_are_on_hand_minus_reserved() {
        assertThat(new Units(10, 3).available()).isEqualTo(7);
        assertThat(new Units(10, 3).reserve(7).available()).isZero();
    }

    @Test
    void more_than_is_available_can_never_be_reserved() {
        assertThatThrownBy(() -> new Units(10, 3).reserve(8)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Units(2, 3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shipping_lowers_on_hand_and_reserved_alike() {
        assertThat(new Units(10, 4).ship(3)).isEqualTo(new Units(7, 1));
        assertThat(new Units(10, 4).release(4)).isEqualTo(new Units(10, 0));
    }
}
