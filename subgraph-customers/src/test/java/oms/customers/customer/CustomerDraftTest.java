package oms.customers.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import org.junit.jupiter.api.Test;

class CustomerDraftTest {

    @Test
    void a_complete_draft_breaks_no_rule() {
        assertThat(new CustomerDraft("ada@example.com", "Ada", "Lovelace", "+44 20 7946 0000", List.of("VIP"))
                        .violations())
                .isEmpty();
    }

    @Test
    void a_malformed_email_is_reported_on_the_email_field() {
        assertThat(new CustomerDraft("ada@", "Ada", "Lovelace", null, null).violations())
                .extracting(Violation::code, Violation::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ErrorCode.INVALID_EMAIL, List.of("input", "email")));
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        assertThat(new CustomerDraft("nope", " ", "", "call me", null).violations())
                .extracting(v -> v.field().getLast())
                .containsExactly("email", "firstName", "lastName", "phone");
    }

    @Test
    void tags_are_trimmed_lower_cased_and_deduplicated() {
        assertThat(new CustomerDraft("a@b.co", "A", "B", null, List.of(" VIP", "vip", "B2B")).tags())
                .containsExactly("vip", "b2b");
    }
}
