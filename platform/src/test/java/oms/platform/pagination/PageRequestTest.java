package oms.platform.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import oms.platform.error.DomainException;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void the_page_size_defaults_to_twenty_and_is_capped_at_a_hundred() {
        assertThat(PageRequest.of(null, null).first()).isEqualTo(20);
        assertThat(PageRequest.of(100, null).first()).isEqualTo(100);
        assertThatThrownBy(() -> PageRequest.of(101, null)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> PageRequest.of(-1, null)).isInstanceOf(DomainException.class);
    }

    @Test
    void one_extra_row_tells_whether_there_is_a_next_page() {
        PageRequest request = PageRequest.of(2, null);
        Page<String> more = Page.fromRows(List.of("a", "b", "c"), request, s -> s);
        assertThat(more.items()).containsExactly("a", "b");
        assertThat(more.pageInfo()).isEqualTo(new PageInfo(true, "b"));
        assertThat(Page.fromRows(List.of("a"), request, s -> s).pageInfo()).isEqualTo(new PageInfo(false, "a"));
        assertThat(Page.fromRows(List.<String>of(), request, s -> s).pageInfo()).isEqualTo(new PageInfo(false, null));
    }
}
