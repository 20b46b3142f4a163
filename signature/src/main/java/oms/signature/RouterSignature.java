package oms.signature;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The router's signature on a subgraph request, as {@code router-config/plugins/signature.mjs} makes
 * it (the same bytes as Hive Gateway's own HMAC upstream signing):
 * HMAC-SHA256 with the shared secret over the key-sorted JSON of {@code {query, variables}} (variables
 * left out when empty), base64, in the request's {@code extensions["hmac-signature"]}. The subgraphs
 * verify it; test clients and benchmarks that call a subgraph directly sign the same way.
 */
public final class RouterSignature {

    public static final String EXTENSION = "hmac-signature";
    public static final String SECRET_ENV = "OMS_HMAC_SECRET";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public RouterSignature(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("The router signature needs a secret (" + SECRET_ENV + ")");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The secret that test clients sign with: system property {@code oms.hmac-secret}, else the environment. */
    public static String configuredSecret() {
        String property = System.getProperty("oms.hmac-secret");
        return property != null && !property.isBlank() ? property : System.getenv(SECRET_ENV);
    }

    public String sign(String query, Map<String, ?> variables) {
        return Base64.getEncoder().encodeToString(mac(canonical(query, variables)));
    }

    /** Constant-time comparison; a signature that is not base64 is simply wrong. */
    public boolean verify(String query, Map<String, ?> variables, Object signature) {
        if (!(signature instanceof String text) || text.length() > 100) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(canonical(query, variables)));
    }

    private byte[] mac(String content) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is signed: the JSON a JavaScript stable stringify makes of {@code {query, variables}}. */
    static String canonical(String query, Map<String, ?> variables) {
        Map<String, Object> signed = new TreeMap<>();
        signed.put("query", query);
        if (variables != null && !variables.isEmpty()) {
            signed.put("variables", variables);
        }
        StringBuilder out = new StringBuilder();
        CanonicalJson.write(signed, out);
        return out.toString();
    }

    /** JSON as JavaScript writes it: keys sorted by UTF-16 code units, numbers as JS prints doubles. */
    static final class CanonicalJson {

        private CanonicalJson() {}

        static void write(Object value, StringBuilder out) {
            switch (value) {
                case null -> out.append("null");
                case String text -> string(text, out);
                case Boolean bool -> out.append(bool);
                case Number number -> out.append(number(number.doubleValue()));
                case Map<?, ?> map -> {
                    Map<String, Object> sorted = new TreeMap<>();
                    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                        out.append(first ? "" : ",");
                        first = false;
                        string(entry.getKey(), out);
                        out.append(':');
                        write(entry.getValue(), out);
                    }
                    out.append('}');
                }
                case List<?> list -> {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        out.append(i == 0 ? "" : ",");
                        write(list.get(i), out);
                    }
                    out.append(']');
                }
                default -> string(value.toString(), out);
            }
        }

        private static void string(String text, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        boolean loneSurrogate = Character.isSurrogate(c)
                                && !(Character.isHighSurrogate(c)
                                        && i + 1 < text.length()
                                        && Character.isLowSurrogate(text.charAt(i + 1)))
                                && !(Character.isLowSurrogate(c)
                                        && i > 0
                                        && Character.isHighSurrogate(text.charAt(i - 1)));
                        if (c < 0x20 || loneSurrogate) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        /** ECMAScript Number::toString: the shortest digits, plain from 1e-7 to 1e21, else with an exponent. */
        static String number(double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return "null";
            }
            if (value == 0) {
                return "0";
            }
            String sign = value < 0 ? "-" : "";
            BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
            String digits = shortest.unscaledValue().toString();
            int k = digits.length();
            int n = k - shortest.scale();
            String body;
            if (k <= n && n <= 21) {
                body = digits + "0".repeat(n - k);
            } else if (0 < n && n <= 21) {
                body = digits.substring(0, n) + "." + digits.substring(n);
            } else if (-6 < n && n <= 0) {
                body = "0." + "0".repeat(-n) + digits;
            } else {
                String exponent = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
                body = (k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1)) + "e" + exponent;
            }
            return sign + body;
        }
    }
}
