package oms.platform.security;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import oms.platform.graphql.Ids;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Turns the verified token of the request into a {@link Caller} in the GraphQL context, where every
 * data fetcher, entity fetcher and data loader of the request can read it (see {@link Callers}).
 * Over WebSocket (graphql-transport-ws) the token comes in the connection_init payload
 * ({@code {"Authorization": "Bearer ..."}}) or in the upgrade request's header; a bad token closes the
 * connection (4401).
 */
public class CallerInterceptor implements WebSocketGraphQlInterceptor {

    private static final String SESSION_CALLER = Caller.class.getName();

    private final CustomerLinks links;
    private final ReactiveJwtDecoder decoder;

    /**
     * @param links null where the service cannot resolve accounts to customers
     * @param decoder verifies tokens sent in WebSocket connection_init payloads (null: not accepted there)
     */
    public CallerInterceptor(CustomerLinks links, ReactiveJwtDecoder decoder) {
        this.links = links;
        this.decoder = decoder;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Object header = payload == null
                ? null
                : payload.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase("authorization"))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
        if (header == null || decoder == null) {
            return Mono.empty();
        }
        String value = header.toString();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new IllegalArgumentException("Authorization must be a bearer token"));
        }
        return decoder.decode(value.substring(7).strip())
                .doOnNext(jwt -> session.getAttributes().put(SESSION_CALLER, caller(jwt)))
                .onErrorMap(JwtException.class, e -> new IllegalArgumentException("Invalid token"))
                .then(Mono.empty());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (request instanceof WebSocketGraphQlRequest ws
                && ws.getSessionInfo().getAttributes().get(SESSION_CALLER) instanceof Caller fromInit) {
            return proceed(request, chain, Mono.just(fromInit));
        }
        return proceed(
                request,
                chain,
                ReactiveSecurityContextHolder.getContext()
                        .map(SecurityContext::getAuthentication)
                        .filter(JwtAuthenticationToken.class::isInstance)
                        .map(auth -> caller(((JwtAuthenticationToken) auth).getToken())));
    }

    private Mono<WebGraphQlResponse> proceed(WebGraphQlRequest request, Chain chain, Mono<Caller> authenticated) {
        return authenticated
                .defaultIfEmpty(Caller.anonymous())
                .flatMap(this::linked)
                .flatMap(caller -> {
                    request.configureExecutionInput(
                            (input, builder) -> builder.graphQLContext(ctx -> ctx.put(Caller.class, caller))
                                    .build());
                    return chain.next(request);
                });
    }

    /** A customer whose token has no customer_id yet: look the link up (once per request). */
    private Mono<Caller> linked(Caller caller) {
        if (links == null || caller.customerId() != null || !caller.has(Role.CUSTOMER) || caller.isStaff()) {
            return Mono.just(caller);
        }
        return links.customerOf(caller.subject()).map(caller::withCustomerId).defaultIfEmpty(caller);
    }

    static Caller caller(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        TokenSecurityConfiguration.authorities(jwt)
                .forEach(a -> Role.fromRealmRole(a.getAuthority().substring("ROLE_".length()))
                        .ifPresent(roles::add));
        UUID customerId = Ids.tryParse(jwt.getClaimAsString("customer_id")).orElse(null);
        return new Caller(
                jwt.getSubject(),
                jwt.getClaimAsString("preferred_username"),
                jwt.getClaimAsString("email"),
                roles,
                customerId,
                jwt.getExpiresAt());
    }
}
