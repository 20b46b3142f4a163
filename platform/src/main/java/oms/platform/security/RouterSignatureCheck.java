package oms.platform.security;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import oms.platform.error.CodeClassification;
import oms.platform.error.ErrorCode;
import oms.signature.RouterSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Only the router talks to a subgraph: every GraphQL request must carry the router's HMAC signature
 * (Hive Gateway's upstream signing, see {@link RouterSignature}) over its query and variables. An
 * unsigned or wrongly signed request is refused before its document is parsed: HTTP 401 with code
 * UNAUTHENTICATED, or, on a WebSocket, an error for that subscription.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RouterSignatureCheck implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RouterSignatureCheck.class);
    static final String MESSAGE = "Only the router may call this service: the request is not signed by it";

    private final RouterSignature signature;

    public RouterSignatureCheck(String secret) {
        this.signature = new RouterSignature(secret);
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object given = request.getExtensions().get(RouterSignature.EXTENSION);
        if (signature.verify(request.getDocument(), request.getVariables(), given)) {
            return chain.next(request);
        }
        log.warn(
                "Refused a GraphQL request without a valid router signature ({})", given == null ? "none" : "mismatch");
        if (request instanceof WebSocketGraphQlRequest) {
            ExecutionResult refused = ExecutionResult.newExecutionResult()
                    .addError(GraphqlErrorBuilder.newError()
                            .message(MESSAGE)
                            .errorType(CodeClassification.of(ErrorCode.UNAUTHENTICATED))
                            .extensions(Map.of("code", ErrorCode.UNAUTHENTICATED.name()))
                            .build())
                    .build();
            return Mono.just(
                    new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
        }
        return Mono.error(new Unsigned());
    }

    /** Raised for an HTTP request without the router's signature; answered 401 by {@link #handler()}. */
    static final class Unsigned extends RuntimeException {
        Unsigned() {
            super(MESSAGE, null, false, false);
        }
    }

    /** Answers {@link Unsigned} with 401 and a GraphQL-shaped body, as a refused token is answered. */
    public static WebExceptionHandler handler() {
        byte[] body = ("{\"errors\":[{\"message\":\"" + MESSAGE + "\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}")
                .getBytes(StandardCharsets.UTF_8);
        return (ServerWebExchange exchange, Throwable ex) -> {
            if (!(ex instanceof Unsigned) || exchange.getResponse().isCommitted()) {
                return Mono.error(ex);
            }
            exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
            exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
            DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(body);
            return exchange.getResponse().writeWith(Mono.just(buffer));
        };
    }
}
