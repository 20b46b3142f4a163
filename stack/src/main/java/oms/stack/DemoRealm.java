package oms.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import oms.testsupport.GraphQlClient;
import tools.jackson.databind.JsonNode;

/**
 * The demo users of a Keycloak realm export (keycloak/*.json), read from the file itself so the banner,
 * `./oms token` and the tests can never disagree with what Keycloak imported.
 */
public record DemoRealm(String name, List<DemoUser> users) {

    /** The realm every part of the stack trusts. */
    public static final String OMS = "oms";
    /** Front-end client for shoppers (role customer). */
    public static final String STOREFRONT_CLIENT = "oms-storefront";
    /** Front-end client for staff (sales, warehouse, admin). */
    public static final String CRM_CLIENT = "oms-crm";
    /** The audience every access token for the API carries. */
    public static final String API_AUDIENCE = "oms-api";

    /** A demo login; {@code customerId} is empty for users without a customer profile. */
    public record DemoUser(UUID id, String username, String password, List<String> roles, Optional<String> customerId) {

        /** The front end this user logs in with: the storefront for customers, the CRM for staff. */
        public String client() {
            return roles.contains("customer") ? STOREFRONT_CLIENT : CRM_CLIENT;
        }
    }

    public static Path omsRealmFile(Path projectDir) {
        return projectDir.resolve("keycloak/oms-realm.json");
    }

    /** A second realm (another issuer) that only system tests import. */
    public static Path testOtherRealmFile(Path projectDir) {
        return projectDir.resolve("keycloak/test-other-realm.json");
    }

    public static DemoRealm read(Path realmFile) {
        JsonNode realm;
        try {
            realm = GraphQlClient.json().readTree(Files.readString(realmFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the realm export " + realmFile, e);
        }
        List<DemoUser> users = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            String password = "";
            for (JsonNode credential : user.path("credentials")) {
                if (credential.path("type").asString("").equals("password")) {
                    password = credential.path("value").asString("");
                }
            }
            List<String> roles = new ArrayList<>();
            user.path("realmRoles").forEach(role -> {
                if (!role.asString().startsWith("default-roles-")) {
                    roles.add(role.asString());
                }
            });
            JsonNode customerId = user.path("attributes").path("customer_id").path(0);
            users.add(new DemoUser(
                    UUID.fromString(user.path("id").asString()),
                    user.path("username").asString(),
                    password,
                    List.copyOf(roles),
                    customerId.isString() ? Optional.of(customerId.asString()) : Optional.empty()));
        }
        return new DemoRealm(realm.path("realm").asString(), List.copyOf(users));
    }

    public DemoUser user(String username) {
        return users.stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo user '%s' in realm %s; there are: %s"
                        .formatted(
                                username,
                                name,
                                users.stream().map(DemoUser::username).collect(Collectors.joining(", ")))));
    }
}
