package oms.inventory.product;

import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import oms.platform.pagination.Cursor;
import oms.platform.pagination.PageRequest;
import oms.platform.sql.Binds;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class ProductRepository {

    private static final String COLUMNS = "id, sku, name, description, price, currency, active, created_at, updated_at";

    private final DatabaseClient db;

    ProductRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Product> findAllById(Collection<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM products WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(ProductRepository::product)
                .all();
    }

    /** By normalised (upper-case) SKUs. */
    Flux<Product> findAllBySku(Collection<String> skus) {
        return db.sql("SELECT " + COLUMNS + " FROM products WHERE sku = ANY(:skus)")
                .bind("skus", skus.toArray(String[]::new))
                .map(ProductRepository::product)
                .all();
    }

    /** Locks the row until the transaction ends, so concurrent partial updates cannot lose each other's changes. */
    Mono<Product> findForUpdate(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM products WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(ProductRepository::product)
                .one();
    }

    /** One page in SKU order, fetching one extra row to detect a next page. */
    Flux<Product> findPage(String search, boolean activeOnly, PageRequest page) {
        boolean searching = search != null && !search.isBlank();
        String after = page.after().map(c -> Cursor.decode(c, 1).getFirst()).orElse(null);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM products WHERE true");
        if (searching) {
            sql.append(" AND (sku ILIKE :pattern OR name ILIKE :pattern)");
        }
        if (activeOnly) {
            sql.append(" AND active");
        }
        if (after != null) {
            sql.append(" AND sku > :after");
        }
        sql.append(" ORDER BY sku LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", page.limitPlusOne());
        if (searching) {
            spec = spec.bind("pattern", Binds.containing(search));
        }
        if (after != null) {
            spec = spec.bind("after", after);
        }
        return spec.map(ProductRepository::product).all();
    }

    static String cursorOf(Product p) {
        return Cursor.encode(p.sku());
    }

    Mono<Product> insert(UUID id, NewProduct product) {
        ProductDetails details = product.details();
        Money price = details.money();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO products (id, sku, name, description, price, currency, active)
                        VALUES (:id, :sku, :name, :description, :price, :currency, :active)
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("sku", product.sku())
                .bind("name", details.name())
                .bind("price", price.amount())
                .bind("currency", price.currency())
                .bind("active", details.active());
        return Binds.nullable(spec, "description", details.description(), String.class)
                .map(ProductRepository::product)
                .one();
    }

    Mono<Product> update(UUID id, ProductDetails details) {
        Money price = details.money();
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        UPDATE products SET name = :name, description = :description, price = :price,
                               currency = :currency, active = :active, updated_at = now(), version = version + 1
                        WHERE id = :id
                        RETURNING\s""" + COLUMNS)
                .bind("id", id)
                .bind("name", details.name())
                .bind("price", price.amount())
                .bind("currency", price.currency())
                .bind("active", details.active());
        return Binds.nullable(spec, "description", details.description(), String.class)
                .map(ProductRepository::product)
                .one();
    }

    static Product product(Readable row) {
        return new Product(
                row.get("id", UUID.class),
                row.get("sku", String.class),
                row.get("name", String.class),
                row.get("description", String.class),
                new Money(row.get("price", BigDecimal.class), row.get("currency", String.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("created_at", OffsetDateTime.class),
                row.get("updated_at", OffsetDateTime.class));
    }
}
