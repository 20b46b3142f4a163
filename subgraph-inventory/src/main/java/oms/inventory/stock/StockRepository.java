package oms.inventory.stock;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import oms.platform.pagination.Cursor;
import oms.platform.pagination.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class StockRepository {

    private static final String MOVEMENT_COLUMNS = "id, product_id, delta, reason, on_hand_after, created_at";

    private final DatabaseClient db;

    StockRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<StockLevel> findLevels(Collection<UUID> productIds) {
        return db.sql("SELECT product_id, on_hand, reserved, updated_at FROM stock_levels WHERE product_id = ANY(:ids)")
                .bind("ids", productIds.toArray(UUID[]::new))
                .map(StockRepository::level)
                .all();
    }

    /**
     * Opens the stock of a new product; the first movement records the opening balance (even 0), so
     * the ledger always starts at the product's creation. Runs in the caller's transaction.
     */
    public Mono<Void> open(UUID productId, int onHand) {
        Mono<Long> level = db.sql("INSERT INTO stock_levels (product_id, on_hand) VALUES (:productId, :onHand)")
                .bind("productId", productId)
                .bind("onHand", onHand)
                .fetch()
                .rowsUpdated();
        Mono<Long> movement = db.sql("""
                        INSERT INTO stock_movements (id, product_id, delta, reason, on_hand_after)
                        VALUES (:id, :productId, :onHand, :reason, :onHand)""")
                .bind("id", UUID.randomUUID())
                .bind("productId", productId)
                .bind("onHand", onHand)
                .bind("reason", StockMovement.INITIAL_STOCK)
                .fetch()
                .rowsUpdated();
        return level.then(movement).then();
    }

    /**
     * Applies an adjustment in one statement. The WHERE clause is the whole overselling guard: the
     * row lock makes concurrent adjustments queue, and each re-checks the rule against the balance
     * the previous one committed. clock_timestamp() is read under that lock, so a product's
     * movements are time-ordered as they were applied. Empty when the product is unknown or the
     * rule refuses the change.
     */
    Mono<StockChange> adjust(UUID productId, StockAdjustment adjustment) {
        return db.sql("""
                        WITH level AS (
                            UPDATE stock_levels
                            SET on_hand = on_hand + :delta, updated_at = clock_timestamp()
                            WHERE product_id = :productId AND on_hand + :delta >= reserved
                            RETURNING product_id, on_hand, reserved, updated_at
                        ), movement AS (
                            INSERT INTO stock_movements (id, product_id, delta, reason, on_hand_after, created_at)
                            SELECT :id, product_id, :delta, :reason, on_hand, updated_at FROM level
                            RETURNING id, product_id, delta, reason, on_hand_after, created_at
                        )
                        SELECT m.id, m.product_id, m.delta, m.reason, m.on_hand_after, m.created_at,
                               l.on_hand, l.reserved, l.updated_at
                        FROM movement m JOIN level l USING (product_id)""")
                .bind("id", UUID.randomUUID())
                .bind("productId", productId)
                .bind("delta", adjustment.delta())
                .bind("reason", adjustment.reason())
                .map(row -> new StockChange(level(row), movement(row)))
                .one();
    }

    /** One page of a product's movements, newest first, fetching one extra row to detect a next page. */
    Flux<StockMovement> findMovements(UUID productId, PageRequest page) {
        List<String> after = page.after().map(c -> Cursor.decode(c, 2)).orElse(null);
        String sql = "SELECT " + MOVEMENT_COLUMNS + " FROM stock_movements WHERE product_id = :productId"
                + (after == null ? "" : " AND (created_at, id) < (:createdAt, :id)")
                + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql).bind("productId", productId).bind("limit", page.limitPlusOne());
        if (after != null) {
            try {
                spec = spec.bind("createdAt", OffsetDateTime.parse(after.get(0)))
                        .bind("id", UUID.fromString(after.get(1)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursor.invalid();
            }
        }
        return spec.map(StockRepository::movement).all();
    }

    static String cursorOf(StockMovement m) {
        return Cursor.encode(m.createdAt().toString(), m.id().toString());
    }

    private static StockLevel level(Readable row) {
        return new StockLevel(
                row.get("product_id", UUID.class),
                row.get("on_hand", Integer.class),
                row.get("reserved", Integer.class),
                row.get("updated_at", OffsetDateTime.class));
    }

    private static StockMovement movement(Readable row) {
        return new StockMovement(
                row.get("id", UUID.class),
                row.get("product_id", UUID.class),
                row.get("delta", Integer.class),
                row.get("reason", String.class),
                row.get("on_hand_after", Integer.class),
                row.get("created_at", OffsetDateTime.class));
    }
}
