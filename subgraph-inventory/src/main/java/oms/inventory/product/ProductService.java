package oms.inventory.product;

import java.util.List;
import java.util.UUID;
import oms.inventory.stock.StockRepository;
import oms.platform.error.ErrorCode;
import oms.platform.error.Outcome;
import oms.platform.error.Violation;
import oms.platform.pagination.Page;
import oms.platform.pagination.PageRequest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

@Service
class ProductService {

    private final ProductRepository products;
    private final StockRepository stock;
    private final CatalogEvents catalog;
    private final TransactionalOperator tx;

    ProductService(ProductRepository products, StockRepository stock, CatalogEvents catalog, TransactionalOperator tx) {
        this.products = products;
        this.stock = stock;
        this.catalog = catalog;
        this.tx = tx;
    }

    Mono<Page<Product>> page(String search, boolean activeOnly, PageRequest request) {
        return products.findPage(search, activeOnly, request)
                .collectList()
                .map(rows -> Page.fromRows(rows, request, ProductRepository::cursorOf));
    }

    /**
     * The product, its stock row, its opening movement and its ProductUpserted event are written
     * together or not at all.
     */
    Mono<Outcome<Product>> create(NewProduct product) {
        List<Violation> problems = product.violations();
        if (!problems.isEmpty()) {
            return Mono.just(Outcome.rejected(problems));
        }
        return products.insert(UUID.randomUUID(), product)
                .flatMap(p -> stock.open(p.id(), product.initialStock())
                        .then(catalog.upserted(p))
                        .thenReturn(p))
                .as(tx::transactional)
                .doOnNext(committed -> catalog.flushSoon())
                .map(Outcome::done)
                // the unique constraint decides, so two concurrent creates cannot both win
                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(duplicateSku(e)));
    }

    Mono<Outcome<Product>> update(UUID id, ProductChanges changes) {
        return products.findForUpdate(id)
                .flatMap(current -> {
                    ProductDetails details = changes.applyTo(current);
                    List<Violation> problems = details.violations();
                    if (!problems.isEmpty()) {
                        return Mono.just(Outcome.<Product>rejected(problems));
                    }
                    return products.update(id, details)
                            .flatMap(p -> catalog.upserted(p).thenReturn(Outcome.done(p)));
                })
                .as(tx::transactional)
                .doOnNext(outcome -> {
                    if (outcome instanceof Outcome.Done<Product>) {
                        catalog.flushSoon();
                    }
                })
                .defaultIfEmpty(
                        Outcome.rejected(Violation.of(ErrorCode.NOT_FOUND, "id", "Product " + id + " does not exist")));
    }

    private static <T> Outcome<T> duplicateSku(DataIntegrityViolationException e) {
        if (e.getMessage() != null && e.getMessage().contains("products_sku_key")) {
            return Outcome.rejected(
                    Violation.of(ErrorCode.DUPLICATE_SKU, "sku", "A product with this SKU already exists"));
        }
        throw e;
    }
}
