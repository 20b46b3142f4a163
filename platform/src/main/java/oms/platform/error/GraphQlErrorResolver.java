package oms.platform.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import reactor.core.publisher.Mono;

/**
 * The one place that turns exceptions into GraphQL errors. Known failures keep their stable code;
 * anything else becomes {@code INTERNAL} with an incident id, and its text stays in the log.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class GraphQlErrorResolver
        implements DataFetcherExceptionResolver,
                DataFetcherExceptionHandler,
                org.springframework.graphql.execution.SubscriptionExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrorResolver.class);
    static final String UNAVAILABLE = "The service is briefly unavailable (its database or Redis is not answering); "
            + "try again shortly, a mutation with the same idempotency key";

    @Override
    public Mono<List<GraphQLError>> resolveException(Throwable exception, DataFetchingEnvironment env) {
        return Mono.just(List.of(toError(exception, env)));
    }

    /** An error that ends a subscription's stream: the same codes, without a field path. */
    @Override
    public Mono<List<GraphQLError>> resolveException(Throwable exception) {
        Throwable cause = unwrap(exception);
        if (cause instanceof DomainException domain) {
            return Mono.just(List.of(GraphqlErrorBuilder.newError()
                    .message(domain.getMessage())
                    .errorType(CodeClassification.of(domain.code()))
                    .extensions(extensions(domain.code(), domain.field()))
                    .build()));
        }
        if (Outages.isOutage(cause)) {
            log.warn("A subscription ended because a dependency is unavailable: {}", cause.toString());
            return Mono.just(List.of(GraphqlErrorBuilder.newError()
                    .message(UNAVAILABLE)
                    .errorType(CodeClassification.of(ErrorCode.SERVICE_UNAVAILABLE))
                    .extensions(extensions(ErrorCode.SERVICE_UNAVAILABLE, List.of()))
                    .build()));
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unhandled error in a subscription (incident {})", incident, cause);
        return Mono.just(List.of(GraphqlErrorBuilder.newError()
                .message("Internal error (incident " + incident + ")")
                .errorType(CodeClassification.of(ErrorCode.INTERNAL))
                .extensions(extensions(ErrorCode.INTERNAL, List.of()))
                .build()));
    }

    /** The same mapping for the paths that bypass the resolvers, such as federation's entity fetchers. */
    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters params) {
        GraphQLError error = toError(params.getException(), params.getDataFetchingEnvironment());
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    private static GraphQLError toError(Throwable exception, DataFetchingEnvironment env) {
        Throwable cause = unwrap(exception);
        if (cause instanceof DomainException domain) {
            return error(env, domain.code(), domain.getMessage(), domain.field());
        }
        if (Outages.isOutage(cause)) {
            // the database or Redis is down, restarting or too slow: the client may try again
            log.warn(
                    "{} failed because a dependency is unavailable: {}",
                    env.getExecutionStepInfo().getPath(),
                    cause.toString());
            return error(env, ErrorCode.SERVICE_UNAVAILABLE, UNAVAILABLE, List.of());
        }
        String incident = UUID.randomUUID().toString();
        log.error(
                "Unhandled error in {} (incident {})",
                env.getExecutionStepInfo().getPath(),
                incident,
                cause);
        return error(env, ErrorCode.INTERNAL, "Internal error (incident " + incident + ")", List.of());
    }

    static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message, List<String> field) {
        return GraphqlErrorBuilder.newError(env)
                .message(message)
                .errorType(CodeClassification.of(code))
                .extensions(extensions(code, field))
                .build();
    }

    private static Map<String, Object> extensions(ErrorCode code, List<String> field) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (!field.isEmpty()) {
            extensions.put("field", field);
        }
        return extensions;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof java.util.concurrent.CompletionException
                        || current instanceof java.util.concurrent.ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
