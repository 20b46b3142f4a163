package oms.orders.placement;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import oms.orders.lifecycle.OrderEvents;
import oms.orders.placement.PlacementRepository.NewOrder;
import oms.orders.placement.PlacementRepository.StoredKey;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;
import oms.platform.id.TimeOrderedIds;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places orders, one or a batch of up to {@link #MAX_BATCH}: idempotency keys first, then validation
 * against the local replicas, then one transaction that writes every accepted order, its lines, its
 * history, its idempotency keys and its OrderPlaced event with one statement per table.
 */
@Service
public class PlacementService {

    public static final int MAX_BATCH = 1000;
    private static final String BATCH_PREFIX = "batch:";
    private static final String ORDER_PREFIX = "order:";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlacementService.class);

    private final PlacementRepository repository;
    private final OrderEvents events;
    private final TransactionalOperator tx;
    private final JsonMapper json;
    private final PlacementMetrics metrics;

    PlacementService(
            PlacementRepository repository,
            OrderEvents events,
            TransactionalOperator tx,
            JsonMapper json,
            PlacementMetrics metrics) {
        this.repository = repository;
        this.events = events;
        this.tx = tx;
        this.json = json;
        this.metrics = metrics;
    }

    /** A key someone else claimed between our look-up and our insert: run the placement again. */
    private static final class KeyRace extends RuntimeException {
        KeyRace() {
            super(null, null, false, false);
        }
    }

    record StoredResult(int index, UUID orderId, List<Violation> violations) {}

    public Mono<List<PlacementResult>> place(
            PlacementMetrics.Mode mode,
            String scope,
            String actor,
            List<OrderRequest> requests,
            ErrorPolicy policy,
            String batchKey,
            List<String> path) {
        return Mono.defer(() -> attempt(mode, scope, actor, requests, policy, batchKey, path))
                .retryWhen(reactor.util.retry.Retry.max(2).filter(KeyRace.class::isInstance));
    }

    private Mono<List<PlacementResult>> attempt(
            PlacementMetrics.Mode mode,
            String scope,
            String actor,
            List<OrderRequest> requests,
            ErrorPolicy policy,
            String batchKey,
            List<String> path) {
        String batchHash = Fingerprints.sha256(policy + "|"
                + String.join(
                        "|", requests.stream().map(OrderRequest::fingerprint).toList()));
        List<String> keys = new ArrayList<>();
        if (batchKey != null) {
            keys.add(BATCH_PREFIX + batchKey);
        }
        requests.stream()
                .map(OrderRequest::idempotencyKey)
                .filter(Objects::nonNull)
                .forEach(k -> keys.add(ORDER_PREFIX + k));
        return repository.findKeys(scope, keys).flatMap(stored -> {
            StoredKey batch = batchKey == null ? null : stored.get(BATCH_PREFIX + batchKey);
            if (batch != null) {
                return Mono.just(
                        batch.requestHash().equals(batchHash)
                                ? replay(batch.response())
                                : List.of(new PlacementResult(
                                        -1,
                                        null,
                                        List.of(new Violation(
                                                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                                List.of("input", "idempotencyKey"),
                                                "This batch key was used for different orders")))));
            }
            return validateAndStore(mode, scope, actor, requests, policy, batchKey, batchHash, stored, path);
        });
    }

    private Mono<List<PlacementResult>> validateAndStore(
            PlacementMetrics.Mode mode,
            String scope,
            String actor,
            List<OrderRequest> requests,
            ErrorPolicy policy,
            String batchKey,
            String batchHash,
            Map<String, StoredKey> stored,
            List<String> path) {
        Set<UUID> productIds = new HashSet<>();
        Set<String> skus = new HashSet<>();
        Set<UUID> customers = new HashSet<>();
        for (OrderRequest r : requests) {
            r.items().forEach(i -> {
                if (i.productId() != null) productIds.add(i.productId());
                if (i.sku() != null) skus.add(i.sku());
            });
            if (r.customerId() != null) customers.add(r.customerId());
        }
        return repository.context(productIds, skus, customers).flatMap(context -> {
            List<PlacementResult> results = new ArrayList<>();
            List<NewOrder> accepted = new ArrayList<>();
            List<StoredKey> orderKeys = new ArrayList<>();
            Set<String> seenKeys = new HashSet<>();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 0; i < requests.size(); i++) {
                OrderRequest request = requests.get(i);
                List<String> at = requests.size() == 1 && path.size() == 1
                        ? path
                        : OrderValidator.field(path, Integer.toString(i));
                String key = request.idempotencyKey();
                StoredKey previous = key == null ? null : stored.get(ORDER_PREFIX + key);
                if (previous != null) {
                    results.add(
                            previous.requestHash().equals(request.fingerprint())
                                    ? new PlacementResult(i, previous.orderId(), List.of())
                                    : new PlacementResult(
                                            i,
                                            null,
                                            List.of(new Violation(
                                                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                                    OrderValidator.field(at, "idempotencyKey"),
                                                    "This key was used for a different order"))));
                    continue;
                }
                if (key != null && !seenKeys.add(key)) {
                    results.add(new PlacementResult(
                            i,
                            null,
                            List.of(new Violation(
                                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                                    OrderValidator.field(at, "idempotencyKey"),
                                    "Two orders of this request share a key"))));
                    continue;
                }
                switch (OrderValidator.validate(request, context, at)) {
                    case OrderValidator.Invalid invalid ->
                        results.add(new PlacementResult(i, null, invalid.violations()));
                    case OrderValidator.Valid valid -> {
                        UUID id = TimeOrderedIds.next();
                        accepted.add(new NewOrder(id, valid, actor, now));
                        results.add(new PlacementResult(i, id, List.of()));
                        if (key != null) {
                            orderKeys.add(new StoredKey(ORDER_PREFIX + key, request.fingerprint(), id, null));
                        }
                    }
                }
            }
            boolean anyInvalid = results.stream().anyMatch(r -> !r.accepted());
            if (policy == ErrorPolicy.ALL_OR_NOTHING && anyInvalid) {
                return Mono.just(results.stream()
                        .map(r -> r.accepted() && accepted.stream().anyMatch(a -> a.id().equals(r.orderId()))
                                ? new PlacementResult(
                                        r.index(),
                                        null,
                                        List.of(new Violation(
                                                ErrorCode.BATCH_ABORTED,
                                                List.of(),
                                                "Not created: another order of this all-or-nothing batch is invalid")))
                                : r)
                        .toList());
            }
            List<StoredKey> claims = new ArrayList<>();
            if (batchKey != null) {
                claims.add(new StoredKey(
                        BATCH_PREFIX + batchKey,
                        batchHash,
                        null,
                        json.writeValueAsString(results.stream()
                                .map(r -> new StoredResult(r.index(), r.orderId(), r.violations()))
                                .toList())));
            }
            claims.addAll(orderKeys);
            Mono<Void> write = repository
                    .claimKeys(scope, claims)
                    .flatMap(claimed -> claimed < claims.size() ? Mono.error(new KeyRace()) : Mono.just(claimed))
                    // the events first: the history, written last by insert, takes the status feed's
                    // single lock, which every status-changing transaction waits for until this commits
                    .then(events.placed(accepted))
                    .then(repository.insert(accepted));
            return write.as(tx::transactional)
                    .then(Mono.fromRunnable(() -> {
                        metrics.created(mode, accepted.size());
                        // one line per placement (a batch is one line): ids only, no names or addresses
                        if (!accepted.isEmpty()) {
                            log.info(
                                    "Placed {} order(s) ({}, {} refused){}: first {}",
                                    accepted.size(),
                                    mode.name().toLowerCase(),
                                    requests.size() - accepted.size(),
                                    batchKey == null ? "" : " in an idempotent batch",
                                    accepted.getFirst().id());
                        }
                        events.flush();
                    }))
                    .thenReturn(results);
        });
    }

    private List<PlacementResult> replay(String response) {
        StoredResult[] stored = json.readValue(response, StoredResult[].class);
        List<PlacementResult> results = new ArrayList<>();
        for (StoredResult r : stored) {
            results.add(
                    new PlacementResult(r.index(), r.orderId(), r.violations() == null ? List.of() : r.violations()));
        }
        return results;
    }
}
