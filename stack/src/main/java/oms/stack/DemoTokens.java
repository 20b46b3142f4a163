package oms.stack;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for the demo users of one realm, each from the front-end client that user logs in with.
 * A token is reused while it has more than a minute left, so tests can ask for one per request.
 */
public final class DemoTokens {

    private static final long REUSE_MARGIN_SECONDS = 60;

    private final TokenClient client;
    private final DemoRealm realm;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public DemoTokens(TokenClient client, DemoRealm realm) {
        this.client = client;
        this.realm = realm;
    }

    public DemoRealm realm() {
        return realm;
    }

    /** The access token of a demo user, e.g. {@code accessToken("alice")}. */
    public String accessToken(String username) {
        Cached cached = cache.get(username);
        if (cached != null && Instant.now().isBefore(cached.reuseUntil())) {
            return cached.token();
        }
        return freshAccessToken(username);
    }

    /** A newly issued access token of a demo user (its whole lifetime ahead), which later calls reuse. */
    public String freshAccessToken(String username) {
        DemoRealm.DemoUser user = realm.user(username);
        TokenClient.Token token = client.passwordGrant(realm.name(), user.client(), user.username(), user.password());
        cache.put(
                username,
                new Cached(
                        token.accessToken(),
                        Instant.now().plusSeconds(Math.max(0, token.expiresInSeconds() - REUSE_MARGIN_SECONDS))));
        return token.accessToken();
    }

    private record Cached(String token, Instant reuseUntil) {}
}
