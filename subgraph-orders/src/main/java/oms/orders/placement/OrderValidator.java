package oms.orders.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.orders.order.ShippingAddress;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;

/**
 * The synchronous checks of a new order, against the local replicas of the catalogue and of customer
 * status: every problem is reported with the path of the input field at fault.
 */
public final class OrderValidator {

    public static final int MAX_ITEMS = 100;
    public static final int MAX_QUANTITY = 10_000;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private OrderValidator() {}

    public sealed interface Result permits Valid, Invalid {}

    public record Valid(
            OrderRequest request, List<PricedLine> lines, String currency, BigDecimal subtotal, int itemCount)
            implements Result {}

    public record Invalid(List<Violation> violations) implements Result {}

    /** One line as it will be stored: the product as the catalogue has it now, and its price. */
    public record PricedLine(CatalogProduct product, int quantity) {
        public BigDecimal total() {
            return product.price().multiply(BigDecimal.valueOf(quantity));
        }
    }

    public static Result validate(OrderRequest request, PlacementContext context, List<String> path) {
        List<Violation> problems = new ArrayList<>();
        checkCustomer(request.customerId(), context, path, problems);
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        Map<UUID, CatalogProduct> products = new LinkedHashMap<>();
        List<OrderRequest.Item> items = request.items();
        if (items.isEmpty()) {
            problems.add(violation(ErrorCode.INVALID_ARGUMENT, path, "items", "An order needs at least one item"));
        } else if (items.size() > MAX_ITEMS) {
            problems.add(
                    violation(ErrorCode.LIMIT_EXCEEDED, path, "items", "At most " + MAX_ITEMS + " items per order"));
        }
        for (int i = 0; i < items.size() && i < MAX_ITEMS; i++) {
            List<String> itemPath = field(path, "items", Integer.toString(i));
            OrderRequest.Item item = items.get(i);
            java.util.Optional<CatalogProduct> known = context.product(item);
            // an order names each product once, however it is named (id, sku, sku in another case), so
            // the quantity cap holds per product and no line is ever merged past it
            if (known.map(p -> quantities.containsKey(p.productId())).orElse(false)) {
                problems.add(new Violation(
                        ErrorCode.DUPLICATE_ITEM,
                        itemPath,
                        "This product is already named by another item of the order; give its total quantity once"));
                continue;
            }
            checkItem(item, known, itemPath, problems).ifPresent(p -> products.put(p.productId(), p));
            known.ifPresent(p -> quantities.put(p.productId(), Math.max(0, item.quantity())));
        }
        if (products.values().stream().map(CatalogProduct::currency).distinct().count() > 1) {
            problems.add(violation(
                    ErrorCode.INVALID_ARGUMENT, path, "items", "All items of an order must be in one currency"));
        }
        checkAddress(request.shippingAddress(), field(path, "shippingAddress"), problems);
        if (request.paymentMethod() == null) {
            problems.add(violation(ErrorCode.INVALID_ARGUMENT, path, "paymentMethod", "A payment method is required"));
        }
        if (!problems.isEmpty()) {
            return new Invalid(problems);
        }
        List<PricedLine> lines = products.values().stream()
                .map(p -> new PricedLine(p, quantities.get(p.productId())))
                .toList();
        BigDecimal subtotal = lines.stream().map(PricedLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        int itemCount = lines.stream().mapToInt(PricedLine::quantity).sum();
        return new Valid(request, lines, lines.getFirst().product().currency(), subtotal, itemCount);
    }

    private static void checkCustomer(
            UUID customerId, PlacementContext context, List<String> path, List<Violation> problems) {
        if (customerId == null) {
            problems.add(
                    violation(ErrorCode.INVALID_ARGUMENT, path, "customerId", "Say which customer the order is for"));
        } else if (!"ACTIVE".equals(context.customerStatus().get(customerId))) {
            problems.add(violation(
                    ErrorCode.CUSTOMER_NOT_ALLOWED,
                    path,
                    "customerId",
                    context.customerStatus().containsKey(customerId) ? "The customer is blocked" : "Unknown customer"));
        }
    }

    private static java.util.Optional<CatalogProduct> checkItem(
            OrderRequest.Item item,
            java.util.Optional<CatalogProduct> known,
            List<String> path,
            List<Violation> problems) {
        if (item.productId() == null && (item.sku() == null || item.sku().isBlank())) {
            problems.add(new Violation(ErrorCode.INVALID_ARGUMENT, path, "Give a productId or a sku"));
            return java.util.Optional.empty();
        }
        var product = known.filter(CatalogProduct::active);
        if (product.isEmpty()) {
            problems.add(new Violation(
                    ErrorCode.PRODUCT_UNAVAILABLE,
                    field(path, item.productId() != null ? "productId" : "sku"),
                    "The product is unknown or no longer sold"));
        }
        if (item.quantity() <= 0 || item.quantity() > MAX_QUANTITY) {
            problems.add(new Violation(
                    ErrorCode.INVALID_ARGUMENT,
                    field(path, "quantity"),
                    "Quantity must be between 1 and " + MAX_QUANTITY));
        }
        if (product.isPresent()
                && item.unitPrice() != null
                && item.unitPrice().compareTo(product.get().price()) != 0) {
            problems.add(new Violation(
                    ErrorCode.PRICE_MISMATCH,
                    field(path, "unitPrice"),
                    "The catalogue price is " + product.get().price().toPlainString() + " "
                            + product.get().currency()));
        }
        return product;
    }

    private static void checkAddress(ShippingAddress a, List<String> path, List<Violation> problems) {
        if (a == null) {
            problems.add(new Violation(ErrorCode.INVALID_ARGUMENT, path, "A shipping address is required"));
            return;
        }
        require(a.line1(), 200, path, "line1", problems);
        require(a.city(), 100, path, "city", problems);
        require(a.postalCode(), 20, path, "postalCode", problems);
        if (a.country() == null || !COUNTRIES.contains(a.country().trim().toUpperCase(Locale.ROOT))) {
            problems.add(new Violation(
                    ErrorCode.INVALID_ARGUMENT,
                    field(path, "country"),
                    "Must be an ISO 3166-1 alpha-2 country code, e.g. DE"));
        }
    }

    private static void require(String value, int max, List<String> path, String name, List<Violation> problems) {
        if (value == null || value.isBlank() || value.length() > max) {
            problems.add(new Violation(
                    ErrorCode.INVALID_ARGUMENT, field(path, name), "Must be 1 to " + max + " characters"));
        }
    }

    private static Violation violation(ErrorCode code, List<String> path, String name, String message) {
        return new Violation(code, field(path, name), message);
    }

    static List<String> field(List<String> path, String... more) {
        List<String> full = new ArrayList<>(path);
        full.addAll(List.of(more));
        return full;
    }
}
