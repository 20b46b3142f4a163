package oms.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens that passed every check (signature, issuer, audience, time), as the router does, so
 * that a client's next requests with the same token cost a map lookup instead of an RSA verification
 * and a JSON parse in every subgraph. Only verified tokens are kept, so forged or broken ones never
 * fill it; a kept token is handed out only while it is still valid (its expiry plus the validator's
 * clock skew), after that it goes through the full checks again (and fails them). Bounded in size and
 * in how long an entry is kept.
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    /** The clock skew that Spring Security's JwtTimestampValidator allows by default. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final ReactiveJwtDecoder checks;
    private final Cache<String, Jwt> verified;
    private final Clock clock;

    public VerifiedTokens(ReactiveJwtDecoder checks, long maximumSize, Duration maximumAge, Clock clock) {
        this.checks = checks;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(maximumAge)
                .build();
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            Instant expires = known.getExpiresAt();
            if (expires != null && clock.instant().isBefore(expires.plus(CLOCK_SKEW))) {
                return Mono.just(known);
            }
            verified.invalidate(token);
        }
        return checks.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                verified.put(token, jwt);
            }
        });
    }
}
