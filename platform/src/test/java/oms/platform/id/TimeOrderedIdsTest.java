package oms.platform.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void an_id_is_a_version_7_uuid_of_the_ietf_variant_with_the_time_in_front() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(TimeOrderedIds.millis(id)).isBetween(before, after);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void ids_of_later_milliseconds_sort_later_as_postgresql_compares_them() {
        // PostgreSQL orders uuid values by their bytes, unsigned: the same as their text, as here
        UUID earlier = TimeOrderedIds.of(1_765_000_000_000L, -1, -1);
        UUID later = TimeOrderedIds.of(1_765_000_000_001L, 0, 0);
        assertThat(earlier.toString()).isLessThan(later.toString());
        assertThat(earlier.toString()).startsWith("019af");
    }

    @Test
    void ids_of_one_millisecond_still_differ() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void the_random_bits_leave_version_and_variant_alone() {
        UUID all = TimeOrderedIds.of(0xFFFF_FFFF_FFFFL, -1, -1);
        UUID none = TimeOrderedIds.of(0, 0, 0);
        assertThat(all.version()).isEqualTo(7);
        assertThat(all.variant()).isEqualTo(2);
        assertThat(none.version()).isEqualTo(7);
        assertThat(none.variant()).isEqualTo(2);
        assertThat(all.toString()).isEqualTo("ffffffff-ffff-7fff-bfff-ffffffffffff");
        assertThat(none.toString()).isEqualTo("00000000-0000-7000-8000-000000000000");
    }
}
