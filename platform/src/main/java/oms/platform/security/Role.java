package oms.platform.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The realm roles this product knows; other roles in a token are ignored. */
public enum Role {
    CUSTOMER,
    SALES,
    WAREHOUSE,
    ADMIN;

    private static final Map<String, Role> BY_REALM_ROLE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(r -> r.name().toLowerCase(Locale.ROOT), r -> r));

    /**
     * The role of a Keycloak realm role name, case-insensitive; empty for the realm's other roles
     * (offline_access, uma_authorization, default-roles-oms, ...), which every token carries: a map
     * lookup, not an exception per unknown name.
     */
    public static Optional<Role> fromRealmRole(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_REALM_ROLE.get(name.toLowerCase(Locale.ROOT)));
    }
}
