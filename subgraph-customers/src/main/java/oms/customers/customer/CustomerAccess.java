package oms.customers.customer;

import java.util.UUID;
import oms.platform.security.Caller;
import oms.platform.security.Role;

/**
 * Who may see which customer: sales, warehouse and admin see every customer; a customer only their
 * own profile. Checked before loading, so an unknown id and another customer's id answer alike.
 */
public final class CustomerAccess {

    private static final Role[] STAFF = {Role.SALES, Role.WAREHOUSE};

    private CustomerAccess() {}

    public static Caller requireReadable(Caller caller, UUID customer) {
        return caller.requireCustomerAccess(customer, STAFF);
    }
}
