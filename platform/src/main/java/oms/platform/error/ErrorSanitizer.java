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
 * {@code extensions.code}, and is classified by that code ({@link CodeClassification}). Errors raised outside our resolver (framework code, entity fetch plumbing)
 * are reduced to {@code INTERNAL} so no exception text reaches a client; request errors that
 * graphql-java raises itself (syntax, validation) keep their message and get the conventional code.
 */
public class ErrorSanitizer implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorSanitizer.class);

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            if (errors.isEmpty() || errors.stream().allMatch(ErrorSanitizer::classified)) {
                return response;
            }
            return response.transform(builder ->
                    builder.errors(errors.stream().map(ErrorSanitizer::sanitize).toList()));
        });
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().get("code") instanceof String;
    }

    /** Has a code and is classified by it: nothing to change. */
    private static boolean classified(GraphQLError error) {
        return hasCode(error)
                && error.getErrorType() instanceof CodeClassification type
                && type.name().equals(error.getExtensions().get("code"));
    }

    private static final int MAX_MESSAGE = 300;

    private static boolean isVariableProblem(GraphQLError error) {
        String type = String.valueOf(error.getErrorType());
        return (type.equals("BAD_REQUEST") || type.equals(ErrorType.ValidationError.name()))
                && error.getMessage() != null
                && error.getMessage().startsWith("Variable '");
    }

    /** The lexer's refusals (broken unicode escapes and the like) reach us as bad requests, not syntax errors. */
    private static boolean isLexerProblem(GraphQLError error) {
        String message = error.getMessage();
        return String.valueOf(error.getErrorType()).equals("BAD_REQUEST")
                && message != null
                && (message.startsWith("Invalid unicode") || message.startsWith("Invalid syntax"));
    }

    static GraphQLError sanitize(GraphQLError error) {
        if (classified(error)) {
            return error;
        }
        if (hasCode(error)) {
            // a code set without its classification (a scalar's coercion error, graphql-java's default type)
            return GraphqlErrorBuilder.newError()
                    .message(error.getMessage())
                    .locations(error.getLocations())
                    .path(error.getPath())
                    .errorType(new CodeClassification(
                            (String) error.getExtensions().get("code")))
                    .extensions(error.getExtensions())
                    .build();
        }
        ErrorClassification type = error.getErrorType();
        Map<String, Object> extensions = new LinkedHashMap<>();
        String message = error.getMessage();
        if (isVariableProblem(error)) {
            // a variable that does not coerce to its type (a DateTime, enum or number that does not parse)
            extensions.put("code", ErrorCode.INVALID_ARGUMENT.name());
        } else if (type == ErrorType.InvalidSyntax || isLexerProblem(error)) {
            extensions.put("code", ErrorCode.GRAPHQL_PARSE_FAILED.name());
        } else if (type == ErrorType.ValidationError || String.valueOf(type).equals("BAD_REQUEST")) {
            extensions.put("code", ErrorCode.GRAPHQL_VALIDATION_FAILED.name());
        } else if (type == ErrorType.OperationNotSupported) {
            extensions.put("code", ErrorCode.OPERATION_NOT_SUPPORTED.name());
        } else {
            log.error("Unclassified GraphQL error at {}: {}", error.getPath(), error.getMessage());
            extensions.put("code", ErrorCode.INTERNAL.name());
            message = "Internal error";
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return GraphqlErrorBuilder.newError()
                .message(message)
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(new CodeClassification((String) extensions.get("code")))
                .extensions(extensions)
                .build();
    }
}
