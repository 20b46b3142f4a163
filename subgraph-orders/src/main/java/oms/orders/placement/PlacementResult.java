package oms.orders.placement;

import java.util.List;
import java.util.UUID;
import oms.platform.error.Violation;

/** The outcome of one order of a request, at its index: the order's id, or why it was not created. */
public record PlacementResult(int index, UUID orderId, List<Violation> violations) {

    public PlacementResult {
        violations = List.copyOf(violations);
    }

    /** As the API calls them. */
    public List<Violation> userErrors() {
        return violations;
    }

    public boolean accepted() {
        return orderId != null;
    }
}
