package oms.orders.replica;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The local copies of the catalogue and of customer status that order validation reads. Only the
 * latest event per product or customer in a batch counts; one upsert statement per batch.
 */
@Component
public class Replicas {

    private final DatabaseClient db;

    Replicas(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> upsertProducts(List<JsonNode> events) {
        Map<String, JsonNode> latest = latest(events, "productId");
        if (latest.isEmpty()) {
            return Mono.empty();
        }
        List<JsonNode> rows = List.copyOf(latest.values());
        return db.sql("""
                        INSERT INTO catalog_products (product_id, sku, name, price, currency, active, updated_at)
                        SELECT id, sku, name, price, currency, active, now()
                        FROM unnest(:ids::uuid[], :skus::text[], :names::text[], :prices::numeric[], :currencies::text[],
                                    :active::boolean[]) AS t(id, sku, name, price, currency, active)
                        ON CONFLICT (product_id) DO UPDATE SET sku = excluded.sku, name = excluded.name,
                            price = excluded.price, currency = excluded.currency, active = excluded.active,
                            updated_at = excluded.updated_at""")
                .bind(
                        "ids",
                        rows.stream()
                                .map(r -> UUID.fromString(r.path("productId").asString()))
                                .toArray(UUID[]::new))
                .bind("skus", rows.stream().map(r -> r.path("sku").asString()).toArray(String[]::new))
                .bind("names", rows.stream().map(r -> r.path("name").asString()).toArray(String[]::new))
                .bind(
                        "prices",
                        rows.stream()
                                .map(r -> new BigDecimal(r.path("price").asString()))
                                .toArray(BigDecimal[]::new))
                .bind(
                        "currencies",
                        rows.stream().map(r -> r.path("currency").asString()).toArray(String[]::new))
                .bind(
                        "active",
                        rows.stream().map(r -> r.path("active").asBoolean()).toArray(Boolean[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    public Mono<Void> upsertCustomers(List<JsonNode> events) {
        Map<String, JsonNode> latest = latest(events, "customerId");
        if (latest.isEmpty()) {
            return Mono.empty();
        }
        List<JsonNode> rows = List.copyOf(latest.values());
        return db.sql("""
                        INSERT INTO customer_accounts (customer_id, status, subject, updated_at)
                        SELECT id, status, subject, now()
                        FROM unnest(:ids::uuid[], :statuses::text[], :subjects::text[]) AS t(id, status, subject)
                        ON CONFLICT (customer_id) DO UPDATE SET status = excluded.status, subject = excluded.subject,
                            updated_at = excluded.updated_at""")
                .bind(
                        "ids",
                        rows.stream()
                                .map(r -> UUID.fromString(r.path("customerId").asString()))
                                .toArray(UUID[]::new))
                .bind(
                        "statuses",
                        rows.stream().map(r -> r.path("status").asString()).toArray(String[]::new))
                .bind(
                        "subjects",
                        rows.stream()
                                .map(r -> r.path("subject").isTextual()
                                        ? r.path("subject").asString()
                                        : null)
                                .toArray(String[]::new))
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** The customer a login account is linked to, if any. */
    public Mono<UUID> customerOf(String subject) {
        return db.sql("SELECT customer_id FROM customer_accounts WHERE subject = :subject")
                .bind("subject", subject)
                .map(r -> r.get("customer_id", UUID.class))
                .one();
    }

    private static Map<String, JsonNode> latest(List<JsonNode> events, String key) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        events.forEach(e -> latest.put(e.path(key).asString(), e));
        return latest;
    }
}
