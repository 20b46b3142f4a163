package oms.orders.order;

import oms.platform.security.Caller;
import oms.platform.security.Role;

/**
 * Who may see which orders: sales, warehouse and admin see every order; a customer sees only the
 * orders of the customer record their account is linked to.
 */
public final class OrderAccess {

    private static final Role[] STAFF = {Role.SALES, Role.WAREHOUSE};

    private OrderAccess() {}

    public static Order readable(Caller caller, Order order) {
        caller.requireCustomerAccess(order.customerId(), STAFF);
        return order;
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
