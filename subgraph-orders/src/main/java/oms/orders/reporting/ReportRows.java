package oms.orders.reporting;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import oms.orders.customer.Customer;
import oms.orders.order.Money;
import oms.orders.order.OrderStatus;
import oms.orders.order.ProductRef;

/** The rows of a sales report, as the schema's types (SalesPeriod, ProductSales, …) show them. */
final class ReportRows {

    private ReportRows() {}

    record SalesPeriod(OffsetDateTime start, int orders, Money revenue) {
        public Money averageOrderValue() {
            return new Money(
                    orders == 0
                            ? revenue.amount()
                            : revenue.amount()
                                    .divide(java.math.BigDecimal.valueOf(orders), 2, java.math.RoundingMode.HALF_EVEN),
                    revenue.currency());
        }
    }

    record StatusCount(OrderStatus status, int count) {}

    record ProductSales(UUID productId, String sku, String productName, int units, int orders, List<Money> revenue) {
        public ProductRef product() {
            return new ProductRef(productId);
        }
    }

    record CustomerSales(UUID customerId, int orders, List<Money> revenue) {
        public Customer customer() {
            return new Customer(customerId);
        }
    }

    enum FulfilmentStage {
        PLACED_TO_CONFIRMED,
        CONFIRMED_TO_SHIPPED,
        SHIPPED_TO_DELIVERED,
        PLACED_TO_DELIVERED
    }

    record LeadTime(FulfilmentStage stage, int orders, Double p50Seconds, Double p90Seconds) {}

    record ReasonCount(String reason, int count) {}
}
