package oms.shipping.shipment;

import oms.platform.error.DomainException;
import oms.platform.security.Caller;
import oms.platform.security.Role;

/**
 * Who may see which shipment: sales, warehouse and admin see every shipment; a customer only those of
 * their own orders, and another customer's answers exactly as an unknown one would.
 */
public final class ShipmentAccess {

    static final Role[] STAFF = {Role.SALES, Role.WAREHOUSE};

    private ShipmentAccess() {}

    /** The shipment, if the caller may see it; else NOT_FOUND as for an unknown {@code what key}. */
    public static Shipment readable(Caller caller, Shipment shipment, String what, Object key) {
        caller.requireOwnerOrStaff(shipment.customerId(), () -> DomainException.notFound(what, key), STAFF);
        return shipment;
    }

    public static boolean isReadable(Caller caller, Shipment shipment) {
        return caller.mayAccessCustomer(shipment.customerId(), STAFF);
    }
}
