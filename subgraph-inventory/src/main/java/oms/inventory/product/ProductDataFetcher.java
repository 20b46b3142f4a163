package oms.inventory.product;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.inventory.graphql.DgsConstants;
import oms.inventory.graphql.types.CreateProductInput;
import oms.inventory.graphql.types.ProductConnection;
import oms.inventory.graphql.types.ProductEdge;
import oms.inventory.graphql.types.ProductPayload;
import oms.inventory.graphql.types.UpdateProductInput;
import oms.platform.error.DomainException;
import oms.platform.error.Outcome;
import oms.platform.graphql.Ids;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Callers;
import oms.platform.security.PublicEntity;
import oms.platform.security.Role;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

/** Public because DGS invokes the entity fetcher reflectively. */
@DgsComponent
public class ProductDataFetcher {

    private final ProductService service;

    ProductDataFetcher(ProductService service) {
        this.service = service;
    }

    @DgsQuery
    CompletableFuture<Product> product(@InputArgument String id, DgsDataFetchingEnvironment dfe) {
        UUID productId = Ids.parse(id, "id");
        return byId(dfe).load(productId).thenApply(p -> found(p, id));
    }

    @DgsQuery
    CompletableFuture<Product> productBySku(@InputArgument String sku, DgsDataFetchingEnvironment dfe) {
        return bySku(dfe).load(Sku.normalize(sku)).thenApply(p -> found(p, sku));
    }

    @DgsQuery
    Mono<ProductConnection> products(
            @InputArgument Integer first,
            @InputArgument String after,
            @InputArgument String search,
            @InputArgument Boolean activeOnly) {
        PageRequest request = PageRequest.of(first, after);
        return service.page(search, Boolean.TRUE.equals(activeOnly), request)
                .map(page -> ProductConnection.newBuilder()
                        .edges(page.edges((cursor, node) -> ProductEdge.newBuilder()
                                .cursor(cursor)
                                .node(node)
                                .build()))
                        .pageInfo(page.pageInfo())
                        .build());
    }

    /** The router sends either key; a malformed or unknown one resolves to null. */
    @DgsEntityFetcher(name = DgsConstants.PRODUCT.TYPE_NAME)
    @PublicEntity("the catalogue is public; the stock fields check the caller themselves")
    public CompletableFuture<Product> productEntity(Map<String, Object> values, DgsDataFetchingEnvironment dfe) {
        if (values.get(DgsConstants.PRODUCT.Id) != null) {
            return Ids.tryParse(values.get(DgsConstants.PRODUCT.Id))
                    .map(id -> byId(dfe).load(id))
                    .orElse(CompletableFuture.completedFuture(null));
        }
        if (values.get(DgsConstants.PRODUCT.Sku) instanceof String sku) {
            return bySku(dfe).load(Sku.normalize(sku));
        }
        return CompletableFuture.completedFuture(null);
    }

    @DgsMutation
    Mono<ProductPayload> createProduct(@InputArgument CreateProductInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.ADMIN);
        ProductDetails details = new ProductDetails(
                input.getName(),
                input.getDescription(),
                input.getPrice(),
                input.getCurrency(),
                input.getActive() == null || input.getActive());
        int initialStock = input.getInitialStock() == null ? 0 : input.getInitialStock();
        return service.create(new NewProduct(input.getSku(), details, initialStock))
                .map(ProductDataFetcher::payload);
    }

    @DgsMutation
    Mono<ProductPayload> updateProduct(@InputArgument UpdateProductInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.ADMIN);
        UUID id = Ids.parse(input.getId(), "input", "id");
        ProductChanges changes = new ProductChanges(
                input.getName(), input.getDescription(), input.getPrice(), input.getCurrency(), input.getActive());
        return service.update(id, changes)
                .doOnNext(outcome -> {
                    // later fields of the same request must not see the product as it was before
                    if (outcome instanceof Outcome.Done<Product> done) {
                        byId(dfe).clear(id).prime(id, done.value());
                    }
                })
                .map(ProductDataFetcher::payload);
    }

    private static Product found(Product product, String key) {
        if (product == null) {
            throw DomainException.notFound("Product", key);
        }
        return product;
    }

    private static ProductPayload payload(Outcome<Product> outcome) {
        return switch (outcome) {
            case Outcome.Done<Product> done ->
                ProductPayload.newBuilder()
                        .product(done.value())
                        .userErrors(List.of())
                        .build();
            case Outcome.Rejected<Product> rejected ->
                ProductPayload.newBuilder().userErrors(rejected.violations()).build();
        };
    }

    private static DataLoader<UUID, Product> byId(DgsDataFetchingEnvironment dfe) {
        return dfe.getDataLoader(ProductLoader.class);
    }

    private static DataLoader<String, Product> bySku(DgsDataFetchingEnvironment dfe) {
        return dfe.getDataLoader(ProductBySkuLoader.class);
    }
}
