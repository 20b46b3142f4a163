package oms.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void realm_roles_map_to_the_products_roles_whatever_their_case() {
        assertThat(Role.fromRealmRole("customer")).contains(Role.CUSTOMER);
        assertThat(Role.fromRealmRole("SALES")).contains(Role.SALES);
        assertThat(Role.fromRealmRole("Warehouse")).contains(Role.WAREHOUSE);
        assertThat(Role.fromRealmRole("admin")).contains(Role.ADMIN);
    }

    @Test
    void the_realms_other_roles_are_ignored() {
        assertThat(Role.fromRealmRole("offline_access")).isEmpty();
        assertThat(Role.fromRealmRole("uma_authorization")).isEmpty();
        assertThat(Role.fromRealmRole("default-roles-oms")).isEmpty();
        assertThat(Role.fromRealmRole("")).isEmpty();
        assertThat(Role.fromRealmRole(null)).isEmpty();
    }
}
