package oms.platform.security;

import java.util.Locale;
import java.util.Optional;

/** The realm roles this product knows; other roles in a token are ignored. */
public enum Role {
    CUSTOMER,
    SALES,
    WAREHOUSE,
    ADMIN;

    public static Optional<Role> fromRealmRole(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
