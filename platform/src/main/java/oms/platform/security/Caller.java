package oms.platform.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;

/**
 * Who is asking: the token's subject, realm roles and (for customers) the customer record the
 * account is linked to, and when the token expires (null: never, e.g. in tests). Anonymous callers
 * have no subject and no roles.
 */
public record Caller(
        String subject, String username, String email, Set<Role> roles, UUID customerId, Instant expiresAt) {

    private static final Caller ANONYMOUS = new Caller(null, null, null, Set.of(), null);

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public Caller(String subject, String username, String email, Set<Role> roles, UUID customerId) {
        this(subject, username, email, roles, customerId, null);
    }

    public static Caller anonymous() {
        return ANONYMOUS;
    }

    public Caller withCustomerId(UUID customer) {
        return new Caller(subject, username, email, roles, customer, expiresAt);
    }

    public boolean isAuthenticated() {
        return subject != null;
    }

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (has(role)) {
                return true;
            }
        }
        return false;
    }

    /** Sales, warehouse and admin see across customers; customers see only their own data. */
    public boolean isStaff() {
        return hasAny(Role.SALES, Role.WAREHOUSE, Role.ADMIN);
    }

    public boolean isCustomer(UUID customer) {
        return customerId != null && customerId.equals(customer);
    }

    /** Staff in one of {@code roles}, or the customer the data belongs to. */
    public boolean mayAccessCustomer(UUID customer, Role... staffRoles) {
        return hasAny(staffRoles) || isCustomer(customer);
    }

    public Caller requireAuthenticated() {
        if (!isAuthenticated()) {
            throw new DomainException(ErrorCode.UNAUTHENTICATED, "Sign in to do this");
        }
        return this;
    }

    /** Passes for callers with any of the roles (admin always); otherwise UNAUTHENTICATED or FORBIDDEN. */
    public Caller require(Role... wanted) {
        requireAuthenticated();
        if (!hasAny(wanted)) {
            throw forbidden();
        }
        return this;
    }

    public Caller requireCustomerAccess(UUID customer, Role... staffRoles) {
        requireAuthenticated();
        if (!mayAccessCustomer(customer, staffRoles)) {
            throw forbidden();
        }
        return this;
    }

    /**
     * For objects that belong to one customer: staff in one of {@code staffRoles} and that customer pass.
     * Another customer is answered with {@code unknown}, exactly as if the object did not exist, so ids,
     * numbers and tracking numbers cannot be probed; staff without the role get FORBIDDEN (that depends on
     * their role, not on the object).
     */
    public Caller requireOwnerOrStaff(UUID owner, Supplier<DomainException> unknown, Role... staffRoles) {
        requireAuthenticated();
        if (mayAccessCustomer(owner, staffRoles)) {
            return this;
        }
        throw isStaff() ? forbidden() : unknown.get();
    }

    public static DomainException forbidden() {
        return new DomainException(ErrorCode.FORBIDDEN, "Not allowed for this account");
    }
}
