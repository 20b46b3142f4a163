package oms.orders.placement;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import oms.orders.order.OrderStatus;
import oms.orders.tracking.StatusEvent;
import oms.orders.tracking.StatusLog;
import oms.platform.id.TimeOrderedIds;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The SQL of order placement: every statement covers a whole batch of orders. */
@Repository
public class PlacementRepository {

    private final DatabaseClient db;
    private final StatusLog statusLog;

    PlacementRepository(DatabaseClient db, StatusLog statusLog) {
        this.db = db;
        this.statusLog = statusLog;
    }

    Mono<PlacementContext> context(Collection<UUID> productIds, Collection<String> skus, Collection<UUID> customerIds) {
        Mono<List<CatalogProduct>> products = db.sql("""
                        SELECT product_id, sku, name, price, currency, active FROM catalog_products
                        WHERE product_id = ANY(:ids) OR sku = ANY(:skus)""")
                .bind("ids", productIds.toArray(UUID[]::new))
                .bind("skus", skus.stream().map(s -> s.trim().toUpperCase()).toArray(String[]::new))
                .map(r -> new CatalogProduct(
                        r.get("product_id", UUID.class),
                        r.get("sku", String.class),
                        r.get("name", String.class),
                        r.get("price", BigDecimal.class),
                        r.get("currency", String.class).trim(),
                        Boolean.TRUE.equals(r.get("active", Boolean.class))))
                .all()
                .collectList();
        Mono<Map<UUID, String>> customers = db.sql(
                        "SELECT customer_id, status FROM customer_accounts WHERE customer_id = ANY(:ids)")
                .bind("ids", customerIds.toArray(UUID[]::new))
                .map(r -> Map.entry(r.get("customer_id", UUID.class), r.get("status", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return Mono.zip(products, customers).map(t -> {
            Map<UUID, CatalogProduct> byId = new HashMap<>();
            Map<String, CatalogProduct> bySku = new HashMap<>();
            t.getT1().forEach(p -> {
                byId.put(p.productId(), p);
                bySku.put(p.sku(), p);
            });
            return new PlacementContext(byId, bySku, t.getT2());
        });
    }

    record StoredKey(String key, String requestHash, UUID orderId, String response) {}

    Mono<Map<String, StoredKey>> findKeys(String scope, Collection<String> keys) {
        return db.sql("SELECT key, request_hash, order_id, response::text AS response FROM idempotency_keys "
                        + "WHERE scope = :scope AND key = ANY(:keys)")
                .bind("scope", scope)
                .bind("keys", keys.toArray(String[]::new))
                .map(r -> new StoredKey(
                        r.get("key", String.class),
                        r.get("request_hash", String.class),
                        r.get("order_id", UUID.class),
                        r.get("response", String.class)))
                .all()
                .collectMap(StoredKey::key);
    }

    /** Claims keys; answers how many were new (fewer than asked: someone else claimed one first). */
    Mono<Long> claimKeys(String scope, List<StoredKey> keys) {
        if (keys.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        INSERT INTO idempotency_keys (scope, key, request_hash, order_id, response)
                        SELECT :scope, key, hash, order_id, response::jsonb
                        FROM unnest(:keys::text[], :hashes::text[], :orderIds::uuid[], :responses::text[])
                             AS t(key, hash, order_id, response)
                        ON CONFLICT DO NOTHING""")
                .bind("scope", scope)
                .bind("keys", column(keys, StoredKey::key, String[]::new))
                .bind("hashes", column(keys, StoredKey::requestHash, String[]::new))
                .bind("orderIds", column(keys, StoredKey::orderId, UUID[]::new))
                .bind("responses", column(keys, StoredKey::response, String[]::new))
                .fetch()
                .rowsUpdated();
    }

    public record NewOrder(UUID id, OrderValidator.Valid order, String actor, OffsetDateTime placedAt) {}

    /** The orders, their lines and their first history entry: three statements for the whole batch. */
    Mono<Void> insert(List<NewOrder> orders) {
        if (orders.isEmpty()) {
            return Mono.empty();
        }
        Mono<Long> rows = db.sql("""
                        INSERT INTO orders (id, customer_id, status, payment_status, payment_method, currency, subtotal,
                                            item_count, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code,
                                            ship_country, placed_at, updated_at, version)
                        SELECT id, customer_id, 'PENDING', 'PENDING', payment_method, currency, subtotal, item_count,
                               ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, upper(ship_country),
                               placed_at, placed_at, 1
                        FROM unnest(:ids::uuid[], :customers::uuid[], :methods::text[], :currencies::text[],
                                    :subtotals::numeric[], :counts::int[], :names::text[], :line1::text[], :line2::text[],
                                    :cities::text[], :postal::text[], :countries::text[], :placed::timestamptz[])
                             AS t(id, customer_id, payment_method, currency, subtotal, item_count, ship_name, ship_line1,
                                  ship_line2, ship_city, ship_postal_code, ship_country, placed_at)""")
                .bind("ids", column(orders, NewOrder::id, UUID[]::new))
                .bind("customers", column(orders, o -> o.order().request().customerId(), UUID[]::new))
                .bind(
                        "methods",
                        column(orders, o -> o.order().request().paymentMethod().name(), String[]::new))
                .bind("currencies", column(orders, o -> o.order().currency(), String[]::new))
                .bind("subtotals", column(orders, o -> o.order().subtotal(), BigDecimal[]::new))
                .bind("counts", column(orders, o -> o.order().itemCount(), Integer[]::new))
                .bind(
                        "names",
                        column(
                                orders,
                                o -> o.order().request().shippingAddress().name(),
                                String[]::new))
                .bind(
                        "line1",
                        column(
                                orders,
                                o -> o.order()
                                        .request()
                                        .shippingAddress()
                                        .line1()
                                        .trim(),
                                String[]::new))
                .bind(
                        "line2",
                        column(
                                orders,
                                o -> o.order().request().shippingAddress().line2(),
                                String[]::new))
                .bind(
                        "cities",
                        column(
                                orders,
                                o -> o.order()
                                        .request()
                                        .shippingAddress()
                                        .city()
                                        .trim(),
                                String[]::new))
                .bind(
                        "postal",
                        column(
                                orders,
                                o -> o.order()
                                        .request()
                                        .shippingAddress()
                                        .postalCode()
                                        .trim(),
                                String[]::new))
                .bind(
                        "countries",
                        column(
                                orders,
                                o -> o.order()
                                        .request()
                                        .shippingAddress()
                                        .country()
                                        .trim(),
                                String[]::new))
                .bind("placed", column(orders, NewOrder::placedAt, OffsetDateTime[]::new))
                .fetch()
                .rowsUpdated();
        record Line(UUID orderId, int lineNo, OrderValidator.PricedLine line) {}
        List<Line> lines = orders.stream()
                .flatMap(o -> IntStream.range(0, o.order().lines().size())
                        .mapToObj(i -> new Line(o.id(), i + 1, o.order().lines().get(i))))
                .toList();
        Mono<Long> lineRows = db.sql("""
                        INSERT INTO order_lines (id, order_id, line_no, product_id, sku, product_name, quantity, unit_price)
                        SELECT id, order_id, line_no, product_id, sku, name, quantity, price
                        FROM unnest(:ids::uuid[], :orders::uuid[], :lineNos::int[], :products::uuid[], :skus::text[],
                                    :names::text[], :quantities::int[], :prices::numeric[])
                             AS t(id, order_id, line_no, product_id, sku, name, quantity, price)""")
                .bind("ids", column(lines, l -> TimeOrderedIds.next(), UUID[]::new))
                .bind("orders", column(lines, Line::orderId, UUID[]::new))
                .bind("lineNos", column(lines, Line::lineNo, Integer[]::new))
                .bind("products", column(lines, l -> l.line().product().productId(), UUID[]::new))
                .bind("skus", column(lines, l -> l.line().product().sku(), String[]::new))
                .bind("names", column(lines, l -> l.line().product().name(), String[]::new))
                .bind("quantities", column(lines, l -> l.line().quantity(), Integer[]::new))
                .bind("prices", column(lines, l -> l.line().product().price(), BigDecimal[]::new))
                .fetch()
                .rowsUpdated();
        Mono<List<StatusEvent>> history = statusLog.record(orders.stream()
                .map(o -> new StatusLog.Entry(
                        o.id(), 1, null, OrderStatus.PENDING, o.actor(), "Order placed", o.placedAt()))
                .toList());
        return rows.then(lineRows).then(history).then();
    }

    static <T, R> R[] column(List<T> rows, Function<T, R> value, IntFunction<R[]> array) {
        return rows.stream().map(value).toArray(array);
    }
}
