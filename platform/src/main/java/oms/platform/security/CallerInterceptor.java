package oms.platform.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import oms.platform.graphql.Ids;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Turns the verified token of the request into a {@link Caller} in the GraphQL context, where every
 * data fetcher, entity fetcher and data loader of the request can read it (see {@link Callers}).
 */
public class CallerInterceptor implements WebGraphQlInterceptor {

    private final CustomerLinks links;

    /** @param links null where the service cannot resolve accounts to customers */
    public CallerInterceptor(CustomerLinks links) {
        this.links = links;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> caller(((JwtAuthenticationToken) auth).getToken()))
                .defaultIfEmpty(Caller.anonymous())
                .flatMap(this::linked)
                .flatMap(caller -> {
                    request.configureExecutionInput((input, builder) ->
                            builder.graphQLContext(ctx -> ctx.put(Caller.class, caller)).build());
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
        TokenSecurityConfiguration.authorities(jwt).forEach(a ->
                Role.fromRealmRole(a.getAuthority().substring("ROLE_".length())).ifPresent(roles::add));
        UUID customerId = Ids.tryParse(jwt.getClaimAsString("customer_id")).orElse(null);
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("email"),
                roles, customerId);
    }
}
