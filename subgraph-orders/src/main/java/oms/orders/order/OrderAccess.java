package oms.orders.order;

import oms.platform.error.DomainException;
import oms.platform.security.Caller;
import oms.platform.security.Role;

/**
 * Who may see which orders: sales, warehouse and admin see every order; a customer sees only the
 * orders of the customer record their account is linked to.
 */
public final class OrderAccess {

    private static final Role[] STAFF = {Role.SALES, Role.WAREHOUSE};

    private OrderAccess() {}

    /** The order, if the caller may see it; another customer's order answers as an unknown {@code key} would. */
    public static Order readable(Caller caller, Order order, Object key) {
        caller.requireOwnerOrStaff(order.customerId(), () -> DomainException.notFound("Order", key), STAFF);
        return order;
    }

    public static boolean isReadable(Caller caller, Order order) {
        return caller.mayAccessCustomer(order.customerId(), STAFF);
    }

    /** Narrows a list to what the caller may see; a customer asking for someone else's orders is refused. */
    static OrderCriteria visible(Caller caller, OrderCriteria asked) {
        caller.requireAuthenticated();
        if (caller.hasAny(STAFF)) {
            return asked;
        }
        if (caller.customerId() == null || (asked.customerId() != null && !caller.isCustomer(asked.customerId()))) {
            throw Caller.forbidden();
        }
        return new OrderCriteria(caller.customerId(), asked.statuses(), asked.placedFrom(), asked.placedTo());
    }
}
