package oms.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm exports say what the rest of the code relies on. The stack cannot depend on the platform
 * module (platform tests use the stack), so the ids of oms.platform.demo.DemoLogins are repeated here.
 */
class RealmExportTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // the same values as oms.platform.demo.DemoLogins
    private static final Map<String, UUID> USER_IDS = Map.of(
            "alice", UUID.fromString("b19307f0-9e28-4220-86c3-e90ba44666f2"),
            "bob", UUID.fromString("4a067cdc-4b39-476a-8fbe-355b575a3b22"),
            "carol", UUID.fromString("c0a7abf5-b4ad-401d-93ff-75c8efd9294f"),
            "sam", UUID.fromString("0b531327-b9d8-4651-a37d-7dd4ec8a514f"),
            "wendy", UUID.fromString("ae259b7a-ea9a-4e2e-bca2-ccb32048497b"),
            "ada", UUID.fromString("52ba8b41-0cd4-432d-81a8-5b5fb0e93023"));
    private static final Map<String, List<String>> ROLES = Map.of(
            "alice",
            List.of("customer"),
            "bob",
            List.of("customer"),
            "carol",
            List.of("customer"),
            "sam",
            List.of("sales"),
            "wendy",
            List.of("warehouse"),
            "ada",
            List.of("admin"));

    private final JsonNode oms = read(DemoRealm.omsRealmFile(PROJECT));
    private final JsonNode other = read(DemoRealm.testOtherRealmFile(PROJECT));

    /** DemoData.id("customer", n) of the platform module. */
    private static String demoCustomer(int n) {
        return UUID.nameUUIDFromBytes(("customer:" + n).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Test
    void the_demo_users_have_the_fixed_ids_roles_and_passwords_other_code_links_to() {
        DemoRealm realm = DemoRealm.read(DemoRealm.omsRealmFile(PROJECT));
        assertThat(realm.name()).isEqualTo("oms");
        assertThat(realm.users())
                .extracting(DemoRealm.DemoUser::username)
                .containsExactlyInAnyOrder("alice", "bob", "carol", "sam", "wendy", "ada");
        for (DemoRealm.DemoUser user : realm.users()) {
            assertThat(user.id()).as(user.username()).isEqualTo(USER_IDS.get(user.username()));
            assertThat(user.roles()).as(user.username()).isEqualTo(ROLES.get(user.username()));
            assertThat(user.password()).isEqualTo(user.username() + "-demo");
        }
        for (JsonNode user : oms.path("users")) {
            assertThat(user.path("enabled").asBoolean()).isTrue();
            assertThat(user.path("emailVerified").asBoolean()).isTrue();
            assertThat(user.at("/credentials/0/temporary").asBoolean()).isFalse();
            // the default user profile requires these; without them a login would stop at "update profile"
            assertThat(user.path("email").asString("")).isNotBlank();
            assertThat(user.path("firstName").asString("")).isNotBlank();
            assertThat(user.path("lastName").asString("")).isNotBlank();
        }
    }

    @Test
    void alice_and_bob_are_linked_to_the_first_two_demo_customers_and_carol_to_none() {
        DemoRealm realm = DemoRealm.read(DemoRealm.omsRealmFile(PROJECT));
        assertThat(realm.user("alice").customerId()).contains(demoCustomer(1));
        assertThat(realm.user("bob").customerId()).contains(demoCustomer(2));
        assertThat(realm.user("carol").customerId()).isEmpty();
        assertThat(realm.users())
                .filteredOn(u -> !u.roles().contains("customer"))
                .allSatisfy(staff -> assertThat(staff.customerId()).isEqualTo(Optional.empty()));
    }

    @Test
    void customers_log_in_through_the_storefront_and_staff_through_the_crm() {
        DemoRealm realm = DemoRealm.read(DemoRealm.omsRealmFile(PROJECT));
        assertThat(realm.user("alice").client()).isEqualTo("oms-storefront");
        assertThat(realm.user("carol").client()).isEqualTo("oms-storefront");
        assertThat(realm.user("sam").client()).isEqualTo("oms-crm");
        assertThat(realm.user("ada").client()).isEqualTo("oms-crm");
    }

    @Test
    void the_realm_has_the_roles_and_a_five_minute_access_token() {
        assertThat(names(oms.at("/roles/realm"), "name")).contains("customer", "sales", "warehouse", "admin");
        assertThat(oms.path("accessTokenLifespan").asInt()).isEqualTo(300);
    }

    @Test
    void both_front_ends_are_public_pkce_clients_whose_tokens_are_for_the_api_and_carry_customer_id() {
        for (String clientId : List.of("oms-storefront", "oms-crm")) {
            JsonNode client = client(oms, clientId);
            assertThat(client.path("publicClient").asBoolean()).as(clientId).isTrue();
            assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
            assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
            assertThat(client.at("/attributes/pkce.code.challenge.method").asString())
                    .isEqualTo("S256");
            assertThat(names(client.path("redirectUris"), null))
                    .containsExactlyInAnyOrder("http://localhost:4000/*", "http://localhost:3000/*");
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isTrue();
            assertThat(client.path("description").asString()).contains("demo and testing only");
            assertThat(names(client.path("defaultClientScopes"), null)).contains("basic", "profile", "roles");
            JsonNode audience = mapper(client, "oidc-audience-mapper");
            assertThat(audience.at("/config/included.client.audience").asString())
                    .isEqualTo("oms-api");
            assertThat(audience.at("/config/access.token.claim").asString()).isEqualTo("true");
            JsonNode customerId = mapper(client, "oidc-usermodel-attribute-mapper");
            assertThat(customerId.at("/config/user.attribute").asString()).isEqualTo("customer_id");
            assertThat(customerId.at("/config/claim.name").asString()).isEqualTo("customer_id");
            assertThat(customerId.at("/config/jsonType.label").asString()).isEqualTo("String");
            assertThat(customerId.at("/config/access.token.claim").asString()).isEqualTo("true");
        }
    }

    @Test
    void the_api_client_is_an_audience_only_with_no_login_flow() {
        JsonNode api = client(oms, "oms-api");
        assertThat(api.path("bearerOnly").asBoolean()).isTrue();
        assertThat(api.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(api.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(api.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(api.path("implicitFlowEnabled").asBoolean()).isFalse();
    }

    @Test
    void only_an_administrator_can_change_which_customer_an_account_belongs_to() {
        JsonNode profile = JSON.readTree(oms.at("/components/org.keycloak.userprofile.UserProfileProvider/0/config")
                .path("kc.user.profile.config")
                .path(0)
                .asString());
        JsonNode customerId = null;
        for (JsonNode attribute : profile.path("attributes")) {
            if (attribute.path("name").asString().equals("customer_id")) {
                customerId = attribute;
            }
        }
        assertThat(customerId).as("customer_id in the user profile").isNotNull();
        assertThat(names(customerId.at("/permissions/edit"), null)).containsExactly("admin");
    }

    @Test
    void the_test_realm_is_another_issuer_with_a_look_alike_storefront() {
        assertThat(other.path("realm").asString()).isEqualTo("other");
        DemoRealm realm = DemoRealm.read(DemoRealm.testOtherRealmFile(PROJECT));
        assertThat(realm.users()).extracting(DemoRealm.DemoUser::username).containsExactly("mallory");
        assertThat(realm.user("mallory").password()).isEqualTo("mallory-demo");
        assertThat(realm.user("mallory").roles()).containsExactly("customer");
        JsonNode storefront = client(other, "oms-storefront");
        assertThat(storefront.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(mapper(storefront, "oidc-audience-mapper")
                        .at("/config/included.custom.audience")
                        .asString())
                .isEqualTo("oms-api");
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asString().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError(
                "No client " + clientId + " in realm " + realm.path("realm").asString());
    }

    private static JsonNode mapper(JsonNode client, String type) {
        for (JsonNode mapper : client.path("protocolMappers")) {
            if (mapper.path("protocolMapper").asString().equals(type)) {
                return mapper;
            }
        }
        throw new AssertionError(
                "No " + type + " on client " + client.path("clientId").asString());
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node ->
                names.add(field == null ? node.asString() : node.path(field).asString()));
        return names;
    }
}
