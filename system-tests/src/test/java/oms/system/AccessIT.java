package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Real Keycloak tokens for every role, through the router. */
class AccessIT {

    private static GraphQlClient as(String user) {
        return RunningStack.router().withBearer(RunningStack.token(user));
    }

    /** The customer record a demo login is linked to (its customer_id claim). */
    private static String customerOf(String user) {
        return RunningStack.get().demoRealm().users().stream()
                .filter(u -> u.username().equals(user))
                .findFirst()
                .orElseThrow()
                .customerId()
                .orElseThrow();
    }

    private static String code(JsonNode result) {
        return result.at("/errors/0/extensions/code").asString();
    }

    @Test
    void anonymous_visitors_browse_the_catalogue_and_nothing_else() {
        GraphQlClient anonymous = RunningStack.router();
        assertThat(anonymous
                        .execute("{ products(first: 3) { edges { node { sku name } } } }")
                        .has("errors"))
                .isFalse();
        assertThat(code(anonymous.execute("{ orders(first: 1) { edges { cursor } } }")))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(anonymous.execute("{ customers(first: 1) { edges { cursor } } }")))
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void alice_sees_her_profile_and_orders_and_none_of_bobs() {
        GraphQlClient alice = as("alice");
        JsonNode me = alice.execute("{ me { id name orders(first: 100) { edges { node { id customer { id } } } } } }");
        assertThat(me.has("errors")).as(me.toString()).isFalse();
        assertThat(me.at("/data/me/id").asString()).isEqualTo(customerOf("alice"));
        me.at("/data/me/orders/edges")
                .forEach(e -> assertThat(e.at("/node/customer/id").asString()).isEqualTo(customerOf("alice")));

        JsonNode bobs = as("bob").execute("{ orders(first: 1) { edges { node { id } } } }");
        String bobsOrder = bobs.at("/data/orders/edges/0/node/id").asString();
        if (!bobsOrder.isEmpty()) {
            JsonNode attempt = alice.execute(
                    "query($id: ID!) { order(id: $id) { id number lines { sku } } }", Map.of("id", bobsOrder));
            assertThat(code(attempt)).isEqualTo("NOT_FOUND");
            assertThat(attempt.at("/data/order").isNull()).isTrue();
        }
        assertThat(code(alice.execute(
                        "query($id: ID!) { customer(id: $id) { name } }", Map.of("id", customerOf("bob")))))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void each_staff_role_sees_what_its_job_needs() {
        assertThat(as("sam")
                        .execute("{ customers(first: 5) { edges { node { name notes { body } } } } }")
                        .has("errors"))
                .isFalse();
        assertThat(code(as("wendy").execute("{ customers(first: 5) { edges { cursor } } }")))
                .isEqualTo("FORBIDDEN");
        assertThat(as("wendy")
                        .execute("{ shipments(first: 5) { edges { cursor } } }")
                        .has("errors"))
                .isFalse();
        assertThat(code(as("sam")
                        .execute("mutation { adjustStock(input: {productId: \"00000000-0000-0000-0000-000000000001\", "
                                + "delta: 1, reason: \"x\"}) { userErrors { code } } }")))
                .isEqualTo("FORBIDDEN");
        assertThat(as("ada")
                        .execute("{ customers(first: 1) { edges { cursor } } orders(first: 1) { edges { cursor } } "
                                + "shipments(first: 1) { edges { cursor } } }")
                        .has("errors"))
                .isFalse();
    }

    @Test
    void a_token_from_another_realm_is_refused_by_the_router() {
        GraphQlClient.Response response = RunningStack.router()
                .withBearer(RunningStack.tokenFromOtherRealm())
                .send("{\"query\":\"{ products(first: 1) { edges { cursor } } }\"}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_subgraph_reached_directly_checks_the_token_itself() {
        GraphQlClient direct = new GraphQlClient(RunningStack.get().subgraphUrl("orders") + "/graphql");
        assertThat(direct.withBearer(RunningStack.tokenFromOtherRealm())
                        .send("{\"query\":\"{ __typename }\"}")
                        .status())
                .isEqualTo(401);
        JsonNode bobsEntities = direct.withBearer(RunningStack.token("alice"))
                .execute(
                        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { orders { edges { cursor } } } } }",
                        Map.of("r", java.util.List.of(Map.of("__typename", "Customer", "id", customerOf("bob")))));
        assertThat(code(bobsEntities)).isEqualTo("FORBIDDEN");
    }

    @Test
    void a_subgraph_refuses_requests_the_router_did_not_sign_and_answers_no_introspection() {
        for (String subgraph : java.util.List.of("customers", "inventory", "orders", "shipping")) {
            GraphQlClient direct = new GraphQlClient(RunningStack.get().subgraphUrl(subgraph) + "/graphql")
                    .withBearer(RunningStack.token("ada"));
            GraphQlClient.Response unsigned = direct.unsigned().send("{\"query\":\"{ _service { sdl } }\"}");
            assertThat(unsigned.status()).as(subgraph + " unsigned").isEqualTo(401);
            assertThat(unsigned.body().at("/errors/0/extensions/code").asString())
                    .isEqualTo("UNAUTHENTICATED");
            GraphQlClient.Response forged = direct.unsigned()
                    .send(
                            "{\"query\":\"{ __typename }\",\"extensions\":{\"hmac-signature\":\"c2lnbmVkIGJ5IG1lIQ==\"}}");
            assertThat(forged.status()).as(subgraph + " wrongly signed").isEqualTo(401);
            JsonNode schema = direct.execute("{ __schema { types { name } } }");
            assertThat(schema.has("errors")).as(subgraph + " introspection").isTrue();
            assertThat(schema.toString()).doesNotContain("OrderStatus");
        }
    }
}
