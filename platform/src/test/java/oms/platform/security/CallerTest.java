package oms.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final UUID ALICE = UUID.randomUUID();

    private static ErrorCode code(Runnable action) {
        try {
            action.run();
            return null;
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void anonymous_callers_must_sign_in() {
        assertThat(code(() -> Caller.anonymous().require(Role.CUSTOMER))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void a_customer_reaches_only_their_own_customer_record() {
        Caller alice = new Caller("sub", "alice", null, Set.of(Role.CUSTOMER), ALICE);
        assertThat(code(() -> alice.requireCustomerAccess(ALICE, Role.SALES))).isNull();
        assertThat(code(() -> alice.requireCustomerAccess(UUID.randomUUID(), Role.SALES)))
                .isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void admin_passes_every_role_check_and_warehouse_is_not_sales() {
        Caller admin = new Caller("sub", "ada", null, Set.of(Role.ADMIN), null);
        Caller warehouse = new Caller("sub", "wendy", null, Set.of(Role.WAREHOUSE), null);
        assertThat(admin.has(Role.SALES)).isTrue();
        assertThat(warehouse.isStaff()).isTrue();
        assertThatThrownBy(() -> warehouse.require(Role.SALES)).isInstanceOf(DomainException.class);
    }
}
