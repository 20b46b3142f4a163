package oms.customers.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CustomerAccessIT extends SubgraphIT {

    private String ann;
    private String ben;

    @BeforeEach
    void two_customers() {
        ann = register("ann-" + UUID.randomUUID() + "@example.com");
        ben = register("ben-" + UUID.randomUUID() + "@example.com");
    }

    private String register(String email) {
        return execute(
                        "mutation($i: RegisterCustomerInput!) { registerCustomer(input: $i) { customer { id } } }",
                        Map.of("i", Map.of("email", email, "firstName", "Some", "lastName", "One")))
                .at("/data/registerCustomer/customer/id")
                .asString();
    }

    private static String code(JsonNode result) {
        return result.at("/errors/0/extensions/code").asString();
    }

    private GraphQlClient customer(String id) {
        return as(TestTokens.customer(UUID.fromString(id)));
    }

    @Test
    void anonymous_callers_see_no_customer() {
        assertThat(code(anonymous().execute("{ customer(id: \"" + ann + "\") { name } }")))
                .isEqualTo("UNAUTHENTICATED");
        assertThat(code(anonymous().execute("{ customers { edges { cursor } } }")))
                .isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_customer_reads_their_own_profile_and_nobody_elses() {
        assertThat(customer(ann)
                        .execute("{ customer(id: \"" + ann + "\") { id } }")
                        .at("/data/customer/id")
                        .asString())
                .isEqualTo(ann);
        assertThat(customer(ann).execute("{ me { id } }").at("/data/me/id").asString())
                .isEqualTo(ann);

        JsonNode other = customer(ann).execute("{ customer(id: \"" + ben + "\") { id email name } }");
        assertThat(code(other)).isEqualTo("FORBIDDEN");
        assertThat(other.at("/data/customer").isNull()).isTrue();
        assertThat(other.toString()).doesNotContain("ben-");
    }

    @Test
    void a_customer_cannot_read_another_customer_through_entities_sent_straight_to_the_subgraph() {
        JsonNode result = customer(ann)
                .execute(
                        "query($r: [_Any!]!) { _entities(representations: $r) " + "{ ... on Customer { id email } } }",
                        Map.of(
                                "r",
                                java.util.List.of(
                                        Map.of("__typename", "Customer", "id", ben),
                                        Map.of("__typename", "Customer", "id", ann))));
        assertThat(result.at("/data/_entities/0").isNull()).isTrue();
        assertThat(result.at("/data/_entities/1/id").asString()).isEqualTo(ann);
        assertThat(code(result)).isEqualTo("FORBIDDEN");
        assertThat(result.toString()).doesNotContain("ben-");
    }

    @Test
    void customers_cannot_list_customers_or_change_their_own_status() {
        assertThat(code(customer(ann).execute("{ customers { edges { cursor } } }")))
                .isEqualTo("FORBIDDEN");
        JsonNode blocked = customer(ann)
                .execute("mutation { updateCustomer(input: {id: \"" + ann
                        + "\", status: ACTIVE}) { customer { id } } }");
        assertThat(code(blocked)).isEqualTo("FORBIDDEN");
        JsonNode phone = customer(ann)
                .execute("mutation { updateCustomer(input: {id: \"" + ann
                        + "\", phone: \"+49 30 1234567\"}) { customer { phone } userErrors { code } } }");
        assertThat(phone.at("/data/updateCustomer/customer/phone").asString()).isEqualTo("+49 30 1234567");
    }

    @Test
    void staff_roles_see_what_their_job_needs() {
        GraphQlClient sales = as(TestTokens.staff("sales"));
        GraphQlClient warehouse = as(TestTokens.staff("warehouse"));
        assertThat(sales.execute("{ customers(first: 1) { edges { cursor } } }").has("errors"))
                .isFalse();
        assertThat(warehouse
                        .execute("{ customer(id: \"" + ann + "\") { name } }")
                        .at("/data/customer/name")
                        .asString())
                .isEqualTo("Some One");
        assertThat(code(warehouse.execute("{ customers { edges { cursor } } }")))
                .isEqualTo("FORBIDDEN");
        assertThat(code(warehouse.execute("mutation { registerCustomer(input: {email: \"w@example.com\", "
                        + "firstName: \"W\", lastName: \"H\"}) { customer { id } } }")))
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void a_signed_in_user_without_a_profile_creates_exactly_one_linked_to_their_account() {
        String subject = UUID.randomUUID().toString();
        GraphQlClient carol = as(TestTokens.builder()
                .subject(subject)
                .roles("customer")
                .email("carol-" + subject + "@example.com")
                .build());
        assertThat(carol.execute("{ me { id } }").at("/data/me").isNull()).isTrue();

        JsonNode created = carol.execute(
                        "mutation { registerMyProfile(input: {firstName: \"Carol\", lastName: \"New\"}) "
                                + "{ customer { id email } userErrors { code } } }")
                .at("/data/registerMyProfile");
        assertThat(created.at("/userErrors").size()).isZero();
        assertThat(created.at("/customer/email").asString()).startsWith("carol-");
        assertThat(carol.execute("{ me { id } }").at("/data/me/id").asString())
                .isEqualTo(created.at("/customer/id").asString());

        JsonNode again = carol.execute(
                        "mutation { registerMyProfile(input: {firstName: \"Carol\", lastName: \"Twice\"}) "
                                + "{ customer { id } userErrors { code } } }")
                .at("/data/registerMyProfile");
        assertThat(again.at("/userErrors/0/code").asString()).isEqualTo("PROFILE_EXISTS");
    }

    @Test
    void crm_notes_are_for_sales_and_never_for_the_customer() {
        GraphQlClient sales = as(TestTokens.builder().roles("sales").build());
        JsonNode added = sales.execute("mutation { addCustomerNote(input: {customerId: \"" + ann
                + "\", body: \"Prefers morning delivery\"}) { note { body author } userErrors { code } } }");
        assertThat(added.at("/data/addCustomerNote/note/body").asString()).isEqualTo("Prefers morning delivery");
        assertThat(sales.execute("{ customer(id: \"" + ann + "\") { notes { body } } }")
                        .at("/data/customer/notes/0/body")
                        .asString())
                .isEqualTo("Prefers morning delivery");

        JsonNode own = customer(ann).execute("{ customer(id: \"" + ann + "\") { name notes { body } } }");
        assertThat(code(own)).isEqualTo("FORBIDDEN");
        assertThat(own.at("/data/customer/name").asString()).isEqualTo("Some One");
        assertThat(own.toString()).doesNotContain("morning");
        assertThat(code(customer(ann)
                        .execute("mutation { addCustomerNote(input: {customerId: \"" + ann
                                + "\", body: \"x\"}) { note { id } } }")))
                .isEqualTo("FORBIDDEN");

        JsonNode empty = sales.execute("mutation { addCustomerNote(input: {customerId: \"" + ann
                + "\", body: \"  \"}) { note { id } userErrors { code field } } }");
        assertThat(empty.at("/data/addCustomerNote/userErrors/0/code").asString())
                .isEqualTo("INVALID_ARGUMENT");
    }
}
