package oms.inventory.product;

import java.util.ArrayList;
import java.util.List;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;

/** A product to add to the catalogue, with the stock the warehouse already holds. */
public record NewProduct(String sku, ProductDetails details, int initialStock) {

    static final int MAX_INITIAL_STOCK = 1_000_000;

    public NewProduct {
        sku = Sku.normalize(sku);
    }

    public List<Violation> violations() {
        List<Violation> problems = new ArrayList<>();
        if (!Sku.isValid(sku)) {
            problems.add(
                    Violation.of(ErrorCode.INVALID_ARGUMENT, "sku", "Must be 3 to 40 characters of A-Z, 0-9 and '-'"));
        }
        problems.addAll(details.violations());
        if (initialStock < 0) {
            problems.add(Violation.of(ErrorCode.NEGATIVE_STOCK, "initialStock", "Must not be negative"));
        } else if (initialStock > MAX_INITIAL_STOCK) {
            problems.add(
                    Violation.of(ErrorCode.INVALID_ARGUMENT, "initialStock", "Must be at most " + MAX_INITIAL_STOCK));
        }
        return problems;
    }
}
