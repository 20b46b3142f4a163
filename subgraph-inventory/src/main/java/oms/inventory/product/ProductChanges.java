package oms.inventory.product;

import java.math.BigDecimal;

/**
 * A partial update: absent (null) fields keep their current value; an empty description removes
 * the description.
 */
record ProductChanges(String name, String description, BigDecimal price, String currency, Boolean active) {

    ProductDetails applyTo(Product current) {
        return new ProductDetails(
                name != null ? name : current.name(),
                description != null ? description : current.description(),
                price != null ? price : current.price().amount(),
                currency != null ? currency : current.price().currency(),
                active != null ? active : current.active());
    }
}
