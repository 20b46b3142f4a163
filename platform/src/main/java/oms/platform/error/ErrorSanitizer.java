package oms.platform.error;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Last line of defence for error hygiene: every error leaving the service carries a stable
 * {@code extensions.code}. Errors raised outside our resolver (framework code, entity fetch plumbing)
 * are reduced to {@code INTERNAL} so no exception text reaches a client; request errors that
 * graphql-java raises itself (syntax, validation) keep their message and get the conventional code.
 */
public class ErrorSanitizer implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorSanitizer.class);

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            if (errors.isEmpty() || errors.stream().allMatch(ErrorSanitizer::hasCode)) {
                return response;
            }
            return response.transform(builder -> builder.errors(errors.stream().map(ErrorSanitizer::sanitize).toList()));
        });
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().get("code") instanceof String;
    }

    static GraphQLError sanitize(GraphQLError error) {
        if (hasCode(error)) {
            return error;
        }
        ErrorClassification type = error.getErrorType();
        Map<String, Object> extensions = new LinkedHashMap<>();
        String message = error.getMessage();
        if (type == ErrorType.InvalidSyntax) {
            extensions.put("code", "GRAPHQL_PARSE_FAILED");
        } else if (type == ErrorType.ValidationError) {
            extensions.put("code", "GRAPHQL_VALIDATION_FAILED");
        } else if (type == ErrorType.OperationNotSupported) {
            extensions.put("code", "OPERATION_NOT_SUPPORTED");
        } else {
            log.error("Unclassified GraphQL error at {}: {}", error.getPath(), error.getMessage());
            extensions.put("code", ErrorCode.INTERNAL.name());
            message = "Internal error";
        }
        return GraphqlErrorBuilder.newError()
                .message(message)
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(type)
                .extensions(extensions)
                .build();
    }
}
