package oms.platform.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void a_cursor_reads_back_its_sort_key() {
        assertThat(Cursor.decode(Cursor.encode("Lovelace", "Ada", "42"), 3)).containsExactly("Lovelace", "Ada", "42");
    }

    @Test
    void a_cursor_this_api_did_not_issue_is_refused_with_a_stable_code() {
        for (String bad : new String[] {"!!!", "bm9wZQ", Cursor.encode("only-one")}) {
            assertThatThrownBy(() -> Cursor.decode(bad, 2))
                    .isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code())
                    .isEqualTo(ErrorCode.INVALID_CURSOR);
        }
    }
}
