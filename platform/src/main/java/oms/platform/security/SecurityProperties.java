package oms.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from: the issuer every token must name, the audience it must carry, and the
 * keys to check signatures with (the issuer's JWKS URL, or a fixed RSA public key for tests).
 */
@ConfigurationProperties("oms.security")
public record SecurityProperties(String issuer, String audience, String jwksUrl, String publicKey) {}
