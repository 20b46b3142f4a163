package oms.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SkuTest {

    @Test
    void a_sku_is_trimmed_and_upper_cased() {
        assertThat(Sku.normalize("  mug-0042 ")).isEqualTo("MUG-0042");
    }

    @Test
    void letters_digits_and_hyphens_of_3_to_40_characters_are_accepted() {
        assertThat(Sku.isValid("ABC")).isTrue();
        assertThat(Sku.isValid("TNT-2024-XL")).isTrue();
        assertThat(Sku.isValid("A".repeat(40))).isTrue();
    }

    @Test
    void too_short_too_long_or_odd_characters_are_refused() {
        assertThat(Sku.isValid("AB")).isFalse();
        assertThat(Sku.isValid("A".repeat(41))).isFalse();
        assertThat(Sku.isValid("MUG 42")).isFalse();
        assertThat(Sku.isValid("MUG_42")).isFalse();
        assertThat(Sku.isValid("MÜG-42")).isFalse();
        assertThat(Sku.isValid(null)).isFalse();
    }

    @Test
    void a_lower_case_sku_is_valid_once_normalised() {
        assertThat(Sku.isValid("mug-42")).isFalse();
        assertThat(Sku.isValid(Sku.normalize("mug-42"))).isTrue();
    }
}
