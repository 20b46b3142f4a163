package oms.inventory.stock;

import java.util.ArrayList;
import java.util.List;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;

/** A requested change of on-hand stock, e.g. goods received (+) or damaged goods written off (-). */
record StockAdjustment(int delta, String reason) {

    static final int MAX_DELTA = 1_000_000;
    static final int MAX_REASON = 200;

    StockAdjustment {
        reason = reason == null ? null : reason.trim();
    }

    List<Violation> violations() {
        List<Violation> problems = new ArrayList<>();
        if (delta == 0) {
            problems.add(Violation.of(ErrorCode.INVALID_ARGUMENT, "delta", "Must not be 0"));
        } else if (Math.abs((long) delta) > MAX_DELTA) {
            // keeps on_hand far from the integer limit, so overflow cannot turn into an internal error
            problems.add(
                    Violation.of(ErrorCode.INVALID_ARGUMENT, "delta", "Must be at most " + MAX_DELTA + " either way"));
        }
        if (reason == null || reason.isEmpty() || reason.length() > MAX_REASON) {
            problems.add(
                    Violation.of(ErrorCode.INVALID_ARGUMENT, "reason", "Must be 1 to " + MAX_REASON + " characters"));
        }
        return problems;
    }
}
