package oms.platform.error;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
public class GraphQlErrorResolver implements DataFetcherExceptionResolver {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrorResolver.class);

    @Override
    public Mono<List<GraphQLError>> resolveException(Throwable exception, DataFetchingEnvironment env) {
        Throwable cause = unwrap(exception);
        if (cause instanceof DomainException domain) {
            return Mono.just(List.of(error(env, domain.code(), domain.getMessage(), domain.field())));
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unhandled error in {} (incident {})", env.getExecutionStepInfo().getPath(), incident, cause);
        return Mono.just(List.of(error(env, ErrorCode.INTERNAL, "Internal error (incident " + incident + ")", List.of())));
    }

    static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message, List<String> field) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (!field.isEmpty()) {
            extensions.put("field", field);
        }
        return GraphqlErrorBuilder.newError(env)
                .message(message)
                .errorType(Classification.of(code))
                .extensions(extensions)
                .build();
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

    private record Classification(String name) implements ErrorClassification {
        static Classification of(ErrorCode code) {
            return new Classification(code.name());
        }

        @Override
        public String toSpecification(GraphQLError error) {
            return name;
        }
    }
}
