package oms.orders.order;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import oms.platform.pagination.Cursor;
import oms.platform.pagination.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

@Repository
class OrderRepository {

    private static final String COLUMNS = """
            id, number, customer_id, status, payment_status, payment_method, currency, subtotal, item_count,
            ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country, placed_at, updated_at, version""";

    private final DatabaseClient db;

    OrderRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Order> findAllById(Collection<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(OrderRepository::order)
                .all();
    }

    Flux<Order> findBySequence(long sequence) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE number = :number")
                .bind("number", sequence)
                .map(OrderRepository::order)
                .all();
    }

    /** A newest-first page, fetching one extra row to detect the next page. */
    Flux<Order> findPage(OrderCriteria criteria, PageRequest page) {
        Where where = where(criteria, page);
        GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM orders WHERE " + where.sql()
                        + " ORDER BY placed_at DESC, id DESC LIMIT :limit")
                .bind("limit", page.limitPlusOne());
        return where.bind(spec).map(OrderRepository::order).all();
    }

    /**
     * The newest orders of many customers at once (for Customer.orders on a page of customers):
     * one windowed query instead of one query per customer.
     */
    Flux<Order> findPagesPerCustomer(Collection<UUID> customerIds, OrderCriteria criteria, PageRequest page) {
        Where where = where(criteria, page);
        GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM ("
                        + " SELECT o.*, row_number() OVER (PARTITION BY customer_id ORDER BY placed_at DESC, id DESC) AS rn"
                        + " FROM orders o WHERE customer_id = ANY(:customerIds) AND " + where.sql()
                        + ") ranked WHERE rn <= :limit ORDER BY customer_id, placed_at DESC, id DESC")
                .bind("customerIds", customerIds.toArray(UUID[]::new))
                .bind("limit", page.limitPlusOne());
        return where.bind(spec).map(OrderRepository::order).all();
    }

    Flux<OrderLine> findLines(Collection<UUID> orderIds) {
        return db.sql("""
                        SELECT l.id, l.order_id, l.line_no, l.product_id, l.sku, l.product_name, l.quantity, l.unit_price, o.currency
                        FROM order_lines l JOIN orders o ON o.id = l.order_id
                        WHERE l.order_id = ANY(:ids)
                        ORDER BY l.order_id, l.line_no""")
                .bind("ids", orderIds.toArray(UUID[]::new))
                .map(r -> new OrderLine(
                        r.get("id", UUID.class),
                        r.get("order_id", UUID.class),
                        r.get("line_no", Integer.class),
                        r.get("product_id", UUID.class),
                        r.get("sku", String.class),
                        r.get("product_name", String.class),
                        r.get("quantity", Integer.class),
                        new Money(
                                r.get("unit_price", BigDecimal.class),
                                r.get("currency", String.class).trim())))
                .all();
    }

    Flux<StatusChange> findHistory(Collection<UUID> orderIds) {
        return db.sql("""
                        SELECT order_id, version, from_status, to_status, actor, reason, at
                        FROM order_status_history WHERE order_id = ANY(:ids) ORDER BY order_id, version""")
                .bind("ids", orderIds.toArray(UUID[]::new))
                .map(r -> new StatusChange(
                        r.get("order_id", UUID.class),
                        r.get("version", Integer.class),
                        r.get("from_status", String.class) == null
                                ? null
                                : OrderStatus.valueOf(r.get("from_status", String.class)),
                        OrderStatus.valueOf(r.get("to_status", String.class)),
                        r.get("actor", String.class),
                        r.get("reason", String.class),
                        r.get("at", OffsetDateTime.class)))
                .all();
    }

    static String cursorOf(Order o) {
        return Cursor.encode(o.placedAt().toString(), o.id().toString());
    }

    private static Where where(OrderCriteria c, PageRequest page) {
        StringBuilder sql = new StringBuilder("true");
        if (c.customerId() != null) {
            sql.append(" AND customer_id = :customerId");
        }
        if (!c.statuses().isEmpty()) {
            sql.append(" AND status = ANY(:statuses)");
        }
        if (c.placedFrom() != null) {
            sql.append(" AND placed_at >= :placedFrom");
        }
        if (c.placedTo() != null) {
            sql.append(" AND placed_at < :placedTo");
        }
        List<String> after = page.after().map(a -> Cursor.decode(a, 2)).orElse(null);
        OffsetDateTime afterAt = null;
        UUID afterId = null;
        if (after != null) {
            try {
                afterAt = OffsetDateTime.parse(after.get(0));
                afterId = UUID.fromString(after.get(1));
            } catch (RuntimeException e) {
                throw Cursor.invalid();
            }
            sql.append(" AND (placed_at, id) < (:afterAt, :afterId)");
        }
        return new Where(sql.toString(), c, afterAt, afterId);
    }

    private record Where(String sql, OrderCriteria c, OffsetDateTime afterAt, UUID afterId) {
        GenericExecuteSpec bind(GenericExecuteSpec spec) {
            if (c.customerId() != null) {
                spec = spec.bind("customerId", c.customerId());
            }
            if (!c.statuses().isEmpty()) {
                spec = spec.bind(
                        "statuses", c.statuses().stream().map(Enum::name).toArray(String[]::new));
            }
            if (c.placedFrom() != null) {
                spec = spec.bind("placedFrom", c.placedFrom());
            }
            if (c.placedTo() != null) {
                spec = spec.bind("placedTo", c.placedTo());
            }
            if (afterAt != null) {
                spec = spec.bind("afterAt", afterAt).bind("afterId", afterId);
            }
            return spec;
        }
    }

    static Order order(Readable r) {
        return new Order(
                r.get("id", UUID.class),
                r.get("number", Long.class),
                r.get("customer_id", UUID.class),
                OrderStatus.valueOf(r.get("status", String.class)),
                PaymentStatus.valueOf(r.get("payment_status", String.class)),
                PaymentMethod.valueOf(r.get("payment_method", String.class)),
                new ShippingAddress(
                        r.get("ship_name", String.class),
                        r.get("ship_line1", String.class),
                        r.get("ship_line2", String.class),
                        r.get("ship_city", String.class),
                        r.get("ship_postal_code", String.class),
                        r.get("ship_country", String.class).trim()),
                r.get("currency", String.class).trim(),
                r.get("subtotal", BigDecimal.class),
                r.get("item_count", Integer.class),
                r.get("placed_at", OffsetDateTime.class),
                r.get("updated_at", OffsetDateTime.class),
                r.get("version", Integer.class));
    }
}
