package oms.inventory.stock;

import java.util.List;
import java.util.UUID;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;
import oms.platform.error.Outcome;
import oms.platform.error.Violation;
import oms.platform.pagination.Page;
import oms.platform.pagination.PageRequest;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

@Service
class StockService {

    private final StockRepository stock;

    StockService(StockRepository stock) {
        this.stock = stock;
    }

    Mono<Outcome<StockChange>> adjust(UUID productId, StockAdjustment adjustment) {
        List<Violation> problems = adjustment.violations();
        if (!problems.isEmpty()) {
            return Mono.just(Outcome.rejected(problems));
        }
        // the statement either applied the change or changed nothing; only then find out why
        return stock.adjust(productId, adjustment)
                .map(Outcome::done)
                .switchIfEmpty(Mono.defer(() -> stock.findLevels(List.of(productId))
                        .next()
                        .map(level -> StockService.<StockChange>refused(level, adjustment.delta()))
                        .defaultIfEmpty(Outcome.rejected(new Violation(
                                ErrorCode.NOT_FOUND,
                                List.of("input", "productId"),
                                "Product " + productId + " does not exist")))));
    }

    /** Every product has at least its opening movement, so only an empty first page can mean an unknown product. */
    Mono<Page<StockMovement>> movements(UUID productId, PageRequest request) {
        return stock.findMovements(productId, request)
                .collectList()
                .map(rows -> Page.fromRows(rows, request, StockRepository::cursorOf))
                .flatMap(page -> !page.items().isEmpty() || request.after().isPresent()
                        ? Mono.just(page)
                        : stock.findLevels(List.of(productId))
                                .hasElements()
                                .flatMap(exists -> exists
                                        ? Mono.just(page)
                                        : Mono.error(DomainException.notFound("Product", productId))));
    }

    private static <T> Outcome<T> refused(StockLevel level, int delta) {
        String message = level.allows(delta)
                ? "Stock changed while adjusting; please try again"
                : "On hand is %d with %d reserved for orders; a change of %d would leave less than the reserved quantity"
                        .formatted(level.onHand(), level.reserved(), delta);
        return Outcome.rejected(Violation.of(ErrorCode.NEGATIVE_STOCK, "delta", message));
    }
}
