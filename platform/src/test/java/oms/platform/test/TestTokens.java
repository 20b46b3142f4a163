package oms.platform.test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Locally signed JWTs shaped like Keycloak's, for fast authorization tests: the subgraph under test
 * trusts {@link #publicKey()} and {@link #ISSUER}. {@link Builder} also makes every kind of bad token.
 */
public final class TestTokens {

    public static final String ISSUER = "http://keycloak.test/realms/oms";
    /** The router-signature secret of the test contexts (see {@code RouterSignature}). */
    public static final String HMAC_SECRET = "test-router-signature-secret";

    public static final String AUDIENCE = "oms-api";

    private static final KeyPair KEYS = rsa();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestTokens() {}

    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String admin() {
        return builder().roles("admin").build();
    }

    public static String staff(String role) {
        return builder().roles(role).build();
    }

    public static String customer(UUID customerId) {
        return builder().roles("customer").customerId(customerId).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Object> header = new LinkedHashMap<>(Map.of("alg", "RS256", "typ", "JWT"));
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private KeyPair signer = KEYS;
        private boolean unsigned;

        Builder() {
            String subject = UUID.randomUUID().toString();
            claims.put("iss", ISSUER);
            claims.put("aud", List.of(AUDIENCE, "account"));
            claims.put("sub", subject);
            claims.put("preferred_username", "user-" + subject.substring(0, 8));
            claims.put("iat", Instant.now().getEpochSecond());
            claims.put("exp", Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond());
            claims.put("realm_access", Map.of("roles", List.of()));
        }

        public Builder subject(String subject) {
            claims.put("sub", subject);
            return this;
        }

        public Builder roles(String... roles) {
            claims.put("realm_access", Map.of("roles", new ArrayList<>(List.of(roles))));
            return this;
        }

        public Builder email(String email) {
            claims.put("email", email);
            return this;
        }

        public Builder customerId(UUID customerId) {
            claims.put("customer_id", customerId.toString());
            return this;
        }

        public Builder issuer(String issuer) {
            claims.put("iss", issuer);
            return this;
        }

        public Builder audience(String... audience) {
            claims.put("aud", List.of(audience));
            return this;
        }

        public Builder expiresInSeconds(long seconds) {
            claims.put("exp", Instant.now().plusSeconds(seconds).getEpochSecond());
            return this;
        }

        public Builder expiredSecondsAgo(long seconds) {
            claims.put("exp", Instant.now().minusSeconds(seconds).getEpochSecond());
            return this;
        }

        /** Signed with a key nobody trusts. */
        public Builder signedByStranger() {
            signer = rsa();
            return this;
        }

        /** {@code alg: none} and no signature. */
        public Builder unsigned() {
            unsigned = true;
            header.put("alg", "none");
            return this;
        }

        public String build() {
            String content = encode(JSON.writeValueAsBytes(header)) + "." + encode(JSON.writeValueAsBytes(claims));
            if (unsigned) {
                return content + ".";
            }
            try {
                Signature rs256 = Signature.getInstance("SHA256withRSA");
                rs256.initSign(signer.getPrivate());
                rs256.update(content.getBytes(StandardCharsets.US_ASCII));
                return content + "." + encode(rs256.sign());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
