package oms.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;

/**
 * Every subgraph refuses bad tokens itself (HTTP 401, code UNAUTHENTICATED), whatever the router
 * did: a subgraph extends this class to run the whole matrix against itself.
 */
public abstract class BadTokensContract extends SubgraphIT {

    private static final String QUERY = "{ __typename }";

    private void refused(String token) {
        GraphQlClient.Response response = as(token).send(signed(QUERY));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.body().has("data")).isFalse();
    }

    @Test
    void a_valid_token_is_accepted() {
        assertThat(as(TestTokens.admin()).send(signed(QUERY)).status()).isEqualTo(200);
    }

    @Test
    void an_expired_token_is_refused() {
        refused(TestTokens.builder().roles("admin").expiredSecondsAgo(120).build());
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        refused(TestTokens.builder()
                .roles("admin")
                .issuer("http://keycloak.test/realms/other")
                .build());
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        refused(TestTokens.builder().roles("admin").audience("account").build());
    }

    @Test
    void a_token_with_a_bad_signature_is_refused() {
        refused(TestTokens.builder().roles("admin").signedByStranger().build());
    }

    @Test
    void an_unsigned_alg_none_token_is_refused() {
        refused(TestTokens.builder().roles("admin").unsigned().build());
    }

    @Test
    void garbage_is_refused() {
        refused("not-a-jwt");
    }

    /** A request as the router sends it, signed: what is refused here is the token alone. */
    private static String signed(String query) {
        return GraphQlClient.json()
                .writeValueAsString(oms.testsupport.GraphQlRequests.body(query, java.util.Map.of(), true));
    }
}
