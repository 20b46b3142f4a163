package oms.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import oms.stack.DemoRealm;
import oms.stack.OmsStack;
import oms.stack.TokenClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The tokens the stack's Keycloak issues carry what the router and the subgraphs check and use. */
class KeycloakIT {

    private final OmsStack stack = RunningStack.get();

    @Test
    void every_demo_user_gets_a_token_for_the_api_from_the_issuer_the_services_trust() {
        for (String user : List.of("alice", "bob", "carol", "sam", "wendy", "ada")) {
            JsonNode claims = TokenClient.claims(RunningStack.token(user));
            assertThat(claims.path("iss").asString()).as(user).isEqualTo(stack.issuer());
            assertThat(strings(claims.path("aud"))).as(user).contains("oms-api");
            assertThat(claims.path("preferred_username").asString()).isEqualTo(user);
            assertThat(claims.path("sub").asString())
                    .isEqualTo(stack.demoRealm().user(user).id().toString());
            assertThat(claims.path("exp").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        }
    }

    @Test
    void the_issuer_is_localhost_on_keycloaks_port_although_the_token_was_fetched_via_127_0_0_1() {
        assertThat(stack.keycloakUrl()).startsWith("http://127.0.0.1:");
        assertThat(stack.issuer())
                .isEqualTo("http://localhost:" + stack.keycloak().port() + "/realms/oms");
        assertThat(TokenClient.claims(RunningStack.token("sam")).path("iss").asString())
                .isEqualTo(stack.issuer());
    }

    @Test
    void tokens_carry_each_users_realm_roles() {
        assertThat(roles("alice")).contains("customer").doesNotContain("sales", "warehouse", "admin");
        assertThat(roles("carol")).contains("customer").doesNotContain("sales", "warehouse", "admin");
        assertThat(roles("sam")).contains("sales").doesNotContain("customer", "warehouse", "admin");
        assertThat(roles("wendy")).contains("warehouse").doesNotContain("customer", "sales", "admin");
        assertThat(roles("ada")).contains("admin").doesNotContain("customer", "sales", "warehouse");
    }

    @Test
    void alice_and_bob_carry_their_customer_id_and_carol_has_none() {
        DemoRealm realm = stack.demoRealm();
        assertThat(claim("alice", "customer_id"))
                .isEqualTo(realm.user("alice").customerId().orElseThrow());
        assertThat(claim("bob", "customer_id"))
                .isEqualTo(realm.user("bob").customerId().orElseThrow());
        assertThat(claim("alice", "customer_id")).isNotEqualTo(claim("bob", "customer_id"));
        assertThat(TokenClient.claims(RunningStack.token("carol")).has("customer_id"))
                .isFalse();
        assertThat(TokenClient.claims(RunningStack.token("sam")).has("customer_id"))
                .isFalse();
    }

    @Test
    void tokens_live_five_minutes() {
        JsonNode claims = TokenClient.claims(RunningStack.token("bob"));
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
    }

    @Test
    void a_wrong_password_is_refused_with_keycloaks_reason() {
        TokenClient client = new TokenClient(stack.keycloakUrl());
        assertThatThrownBy(() -> client.accessToken("oms", "oms-storefront", "alice", "not-alices-password"))
                .isInstanceOf(TokenClient.LoginRefused.class)
                .hasMessageContaining("'alice'")
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("Invalid user credentials");
    }

    @Test
    void the_api_audience_client_cannot_be_logged_in_to() {
        TokenClient client = new TokenClient(stack.keycloakUrl());
        assertThatThrownBy(() -> client.accessToken("oms", "oms-api", "alice", "alice-demo"))
                .isInstanceOf(TokenClient.LoginRefused.class);
    }

    @Test
    void a_token_from_the_other_realm_looks_right_but_names_another_issuer() {
        JsonNode claims = TokenClient.claims(RunningStack.tokenFromOtherRealm());
        assertThat(claims.path("iss").asString()).isNotEqualTo(stack.issuer()).endsWith("/realms/other");
        assertThat(strings(claims.path("aud"))).contains("oms-api");
        assertThat(strings(claims.at("/realm_access/roles"))).contains("customer");
        // the look-alike even claims alice's customer profile: only the issuer check stops it
        assertThat(claims.path("customer_id").asString()).isEqualTo(claim("alice", "customer_id"));
    }

    private static List<String> roles(String user) {
        return strings(TokenClient.claims(RunningStack.token(user)).at("/realm_access/roles"));
    }

    private static String claim(String user, String name) {
        return TokenClient.claims(RunningStack.token(user)).path(name).asString();
    }

    /** A claim that may be one string or an array of strings (as {@code aud} is). */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asString()));
        } else if (node.isString()) {
            values.add(node.asString());
        }
        return values;
    }
}
