package oms.platform.security;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * Every subgraph is an OAuth2 resource server: it checks each bearer token again (signature, issuer,
 * audience, expiry; RS256 only) even though the router already did, so nothing is reachable by going
 * around the router. Requests without a token pass as anonymous; what anonymous callers may do is
 * decided per field in the GraphQL layer.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class TokenSecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // stateless: the token is the only credential. Spring Security's defaults would look the
                // security context and the saved request up in a WebSession, and WebFlux's in-memory
                // session store creates each one on a boundedElastic thread and hands it back on a
                // parallel one: two thread hops and a random UUID for every request, for nothing
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/graphql", "/subscriptions", "/livez", "/readyz")
                        .permitAll()
                        // the actuator is served on the management port only (loopback / monitoring namespace)
                        .pathMatchers(
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/metrics/**",
                                "/actuator/prometheus",
                                "/actuator/sqlstatements/**")
                        .permitAll()
                        .anyExchange()
                        .denyAll())
                .oauth2ResourceServer(oauth -> oauth.authenticationEntryPoint(new JsonAuthenticationEntryPoint())
                        .jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(TokenSecurityConfiguration::authentication)))
                .build();
    }

    /**
     * Spring Security's observations are switched off (management.observations.enable.spring.security:
     * false), yet without this bean it still wraps every filter of the chain, the authentication and the
     * authorization in an observation decorator that asks that switch on every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder reactiveJwtDecoder(SecurityProperties properties) {
        if (properties.issuer() == null || properties.audience() == null) {
            throw new IllegalStateException(
                    "Set oms.security.issuer and oms.security.audience (OMS_JWT_ISSUER, OMS_JWT_AUDIENCE)");
        }
        NimbusReactiveJwtDecoder decoder;
        if (properties.publicKey() != null && !properties.publicKey().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withPublicKey(rsaKey(properties.publicKey()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else if (properties.jwksUrl() != null && !properties.jwksUrl().isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUrl())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else {
            throw new IllegalStateException("Set oms.security.jwks-url (OMS_JWKS_URL) or oms.security.public-key");
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer()),
                audience(properties.audience())));
        // a client sends the same token with many requests: verify it once per subgraph, as the router does
        return new VerifiedTokens(decoder, 10_000, java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC());
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error error = new OAuth2Error("invalid_token", "The token is not meant for this API", null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(error);
    }

    static Mono<JwtAuthenticationToken> authentication(Jwt jwt) {
        return Mono.just(new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getClaimAsString("preferred_username")));
    }

    /** Keycloak puts realm roles under realm_access.roles; they become ROLE_customer, ROLE_sales, ... */
    static List<GrantedAuthority> authorities(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
            return List.of();
        }
        return roles.stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
    }

    private static RSAPublicKey rsaKey(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64.replaceAll("-----[A-Z ]+-----|\\s", ""));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("oms.security.public-key is not an RSA public key", e);
        }
    }
}
