package oms.platform.graphql;

import graphql.GraphQLContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.MappedBatchLoaderWithContext;
import org.springframework.graphql.execution.ContextPropagationHelper;
import reactor.core.publisher.Mono;

/**
 * A batch loader written as a {@link Mono} that runs with the Reactor context of the request, as a
 * data fetcher's Mono does: the trace and the request's SQL statement tally reach the loader's
 * queries. (A plain {@code mono.toFuture()} in a loader would run them without any context.)
 */
public interface ReactiveBatchLoader<K, V> extends MappedBatchLoaderWithContext<K, V> {

    /** The values of a batch of keys, by key; a key without a value is left out. */
    Mono<Map<K, V>> loadBatch(Set<K> keys);

    @Override
    default CompletionStage<Map<K, V>> load(Set<K> keys, BatchLoaderEnvironment environment) {
        Mono<Map<K, V>> batch = loadBatch(keys);
        if (environment.getContext() instanceof GraphQLContext request) {
            batch = batch.contextWrite(ContextPropagationHelper.captureFrom(request)::updateContext);
        }
        return batch.toFuture();
    }
}
