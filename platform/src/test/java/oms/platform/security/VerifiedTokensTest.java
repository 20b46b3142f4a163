package oms.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    /** The full checks: "good-<seconds>" is a token valid until NOW + seconds, anything else is refused. */
    private final AtomicInteger checked = new AtomicInteger();

    private Instant clock = NOW;

    private final ReactiveJwtDecoder checks = token -> {
        checked.incrementAndGet();
        if (!token.startsWith("good-")) {
            return Mono.error(new BadJwtException("bad signature"));
        }
        Instant expires = NOW.plusSeconds(Long.parseLong(token.substring(5)));
        if (!clock.isBefore(expires.plus(VerifiedTokens.CLOCK_SKEW))) {
            return Mono.error(
                    new JwtValidationException("expired", java.util.List.of(new OAuth2Error("invalid_token"))));
        }
        return Mono.just(Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject("alice")
                .issuedAt(NOW.minusSeconds(10))
                .expiresAt(expires)
                .build());
    };

    private final VerifiedTokens tokens = new VerifiedTokens(checks, 100, Duration.ofMinutes(5), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return clock;
        }
    });

    @Test
    void a_verified_token_is_checked_once() {
        assertThat(tokens.decode("good-300").block().getSubject()).isEqualTo("alice");
        assertThat(tokens.decode("good-300").block().getSubject()).isEqualTo("alice");
        assertThat(tokens.decode("good-300").block().getSubject()).isEqualTo("alice");
        assertThat(checked).hasValue(1);
    }

    @Test
    void a_refused_token_is_never_kept() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(checked).hasValue(3);
    }

    @Test
    void a_kept_token_that_has_since_expired_goes_through_the_checks_again_and_fails_them() {
        tokens.decode("good-30").block();
        clock = NOW.plusSeconds(30).plus(VerifiedTokens.CLOCK_SKEW).minusSeconds(1);
        assertThat(tokens.decode("good-30").block()).isNotNull();
        assertThat(checked).hasValue(1);
        clock = NOW.plusSeconds(30).plus(VerifiedTokens.CLOCK_SKEW);
        assertThatThrownBy(() -> tokens.decode("good-30").block()).isInstanceOf(JwtValidationException.class);
        assertThat(checked).hasValue(2);
    }
}
