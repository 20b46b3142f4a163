package oms.inventory.stock;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import oms.inventory.graphql.DgsConstants;
import oms.inventory.graphql.types.AdjustStockInput;
import oms.inventory.graphql.types.AdjustStockPayload;
import oms.inventory.graphql.types.StockMovementConnection;
import oms.inventory.graphql.types.StockMovementEdge;
import oms.inventory.product.Product;
import oms.inventory.product.ProductLoader;
import oms.platform.error.Outcome;
import oms.platform.graphql.Ids;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

@DgsComponent
class StockDataFetcher {

    private final StockService service;

    StockDataFetcher(StockService service) {
        this.service = service;
    }

    @DgsData(parentType = DgsConstants.PRODUCT.TYPE_NAME, field = DgsConstants.PRODUCT.Stock)
    CompletableFuture<StockLevel> stock(DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.SALES, Role.WAREHOUSE);
        Product product = dfe.getSource();
        return levels(dfe).load(product.id());
    }

    /** Public, like the catalogue: shoppers learn whether they can order, not how many units there are. */
    @DgsData(parentType = DgsConstants.PRODUCT.TYPE_NAME, field = DgsConstants.PRODUCT.Availability)
    CompletableFuture<StockLevel.Availability> availability(DgsDataFetchingEnvironment dfe) {
        Product product = dfe.getSource();
        return levels(dfe)
                .load(product.id())
                .thenApply(level -> level == null ? StockLevel.Availability.OUT_OF_STOCK : level.availability());
    }

    @DgsQuery
    Mono<StockMovementConnection> stockMovements(
            @InputArgument String productId,
            @InputArgument Integer first,
            @InputArgument String after,
            DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.SALES, Role.WAREHOUSE);
        UUID id = Ids.parse(productId, "productId");
        PageRequest request = PageRequest.of(first, after);
        return service.movements(id, request)
                .map(page -> StockMovementConnection.newBuilder()
                        .edges(page.edges((cursor, node) -> StockMovementEdge.newBuilder()
                                .cursor(cursor)
                                .node(node)
                                .build()))
                        .pageInfo(page.pageInfo())
                        .build());
    }

    @DgsMutation
    Mono<AdjustStockPayload> adjustStock(@InputArgument AdjustStockInput input, DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.WAREHOUSE);
        UUID productId = Ids.parse(input.getProductId(), "input", "productId");
        return service.adjust(productId, new StockAdjustment(input.getDelta(), input.getReason()))
                .map(outcome -> switch (outcome) {
                    case Outcome.Done<StockChange> done -> {
                        // the payload's product.stock must show the new level, not one loaded earlier in this request
                        levels(dfe)
                                .clear(productId)
                                .prime(productId, done.value().level());
                        yield AdjustStockPayload.newBuilder()
                                .stockMovement(done.value().movement())
                                .userErrors(List.of())
                                .build();
                    }
                    case Outcome.Rejected<StockChange> rejected ->
                        AdjustStockPayload.newBuilder()
                                .userErrors(rejected.violations())
                                .build();
                });
    }

    /** Resolved through the product loader so the payload's product is batched like any other. */
    @DgsData(parentType = DgsConstants.ADJUSTSTOCKPAYLOAD.TYPE_NAME, field = DgsConstants.ADJUSTSTOCKPAYLOAD.Product)
    CompletableFuture<Product> adjustedProduct(DgsDataFetchingEnvironment dfe) {
        AdjustStockPayload payload = dfe.getSource();
        if (payload.getStockMovement() == null) {
            return CompletableFuture.completedFuture(null);
        }
        DataLoader<UUID, Product> products = dfe.getDataLoader(ProductLoader.class);
        return products.load(payload.getStockMovement().productId());
    }

    private static DataLoader<UUID, StockLevel> levels(DgsDataFetchingEnvironment dfe) {
        return dfe.getDataLoader(StockLevelLoader.class);
    }
}
