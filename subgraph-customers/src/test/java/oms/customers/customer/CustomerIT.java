package oms.customers.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import oms.customers.graphql.client.CustomerGraphQLQuery;
import oms.customers.graphql.client.CustomerProjectionRoot;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CustomerIT extends SubgraphIT {

    private static final String REGISTER = """
            mutation($input: RegisterCustomerInput!) {
              registerCustomer(input: $input) {
                customer { id email name status tags defaultAddress { city country isDefault } }
                userErrors { code field message }
              }
            }""";

    private JsonNode register(String email, String first, String last) {
        return execute(REGISTER, Map.of("input", Map.of("email", email, "firstName", first, "lastName", last)))
                .at("/data/registerCustomer");
    }

    private long count(String search) {
        JsonNode page = execute(
                        "query($s: String) { customers(first: 100, search: $s) { edges { node { id } } } }",
                        Map.of("s", search))
                .at("/data/customers/edges");
        return page.size();
    }

    @Test
    void a_registered_customer_can_be_read_back_with_its_address() {
        JsonNode payload = execute(
                        REGISTER,
                        Map.of(
                                "input",
                                Map.of(
                                        "email",
                                        "Grace.Hopper@Example.com",
                                        "firstName",
                                        "Grace",
                                        "lastName",
                                        "Hopper",
                                        "tags",
                                        List.of("VIP"),
                                        "address",
                                        Map.of(
                                                "line1",
                                                "1 Navy Way",
                                                "city",
                                                "Arlington",
                                                "postalCode",
                                                "22201",
                                                "country",
                                                "us"))))
                .at("/data/registerCustomer");
        assertThat(payload.at("/userErrors").size()).isZero();
        String id = payload.at("/customer/id").asString();

        CustomerProjectionRoot<?, ?> projection =
                new CustomerProjectionRoot<>().name().email();
        projection.status();
        projection.addresses().city().country().isDefault();
        JsonNode customer = execute(new CustomerGraphQLQuery.Builder().id(id).build(), projection)
                .at("/data/customer");
        assertThat(customer.at("/name").asString()).isEqualTo("Grace Hopper");
        assertThat(customer.at("/status").asString()).isEqualTo("ACTIVE");
        assertThat(customer.at("/addresses/0/country").asString()).isEqualTo("US");
        assertThat(customer.at("/addresses/0/isDefault").asBoolean()).isFalse();
    }

    @Test
    void a_malformed_email_is_a_user_error_and_nothing_is_written() {
        JsonNode payload = register("not-an-email", "Ann", "Example");
        assertThat(payload.at("/customer").isNull()).isTrue();
        assertThat(payload.at("/userErrors/0/code").asString()).isEqualTo("INVALID_EMAIL");
        assertThat(payload.at("/userErrors/0/field/1").asString()).isEqualTo("email");
        assertThat(count("not-an-email")).isZero();
    }

    @Test
    void an_email_is_taken_whatever_its_case() {
        assertThat(register("twin@example.com", "Tom", "Twin").at("/userErrors").size())
                .isZero();
        JsonNode second = register("TWIN@example.com", "Tim", "Twin");
        assertThat(second.at("/userErrors/0/code").asString()).isEqualTo("DUPLICATE_EMAIL");
        assertThat(count("twin@")).isEqualTo(1);
    }

    @Test
    void an_invalid_address_rejects_the_whole_registration() {
        JsonNode payload = execute(
                        REGISTER,
                        Map.of(
                                "input",
                                Map.of(
                                        "email",
                                        "half@example.com",
                                        "firstName",
                                        "Half",
                                        "lastName",
                                        "Written",
                                        "address",
                                        Map.of("line1", "x", "city", "y", "postalCode", "1", "country", "ZZ"))))
                .at("/data/registerCustomer");
        assertThat(payload.at("/userErrors/0/code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(payload.at("/userErrors/0/field").toString()).isEqualTo("[\"input\",\"address\",\"country\"]");
        assertThat(count("half@")).isZero();
    }

    @Test
    void unknown_and_malformed_ids_are_errors_with_stable_codes() {
        JsonNode unknown = execute("{ customer(id: \"00000000-0000-0000-0000-000000000001\") { id } }");
        assertThat(unknown.at("/errors/0/extensions/code").asString()).isEqualTo("NOT_FOUND");
        JsonNode malformed = execute("{ customer(id: \"42\") { id } }");
        assertThat(malformed.at("/errors/0/extensions/code").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(malformed.toString()).doesNotContain("Exception");
    }

    @Test
    void pages_walk_every_customer_once_in_name_order() {
        for (int i = 0; i < 5; i++) {
            register("page" + i + "@paging.test", "P" + i, "Pager");
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonNode page = execute(
                            "query($a: String) { customers(first: 2, after: $a, search: \"@paging.test\") "
                                    + "{ edges { cursor node { email } } pageInfo { hasNextPage endCursor } } }",
                            after == null ? Map.of() : Map.of("a", after))
                    .at("/data/customers");
            page.at("/edges").forEach(e -> seen.add(e.at("/node/email").asString()));
            more = page.at("/pageInfo/hasNextPage").asBoolean();
            after = page.at("/pageInfo/endCursor").asString();
        }
        assertThat(seen)
                .containsExactly(
                        "page0@paging.test",
                        "page1@paging.test",
                        "page2@paging.test",
                        "page3@paging.test",
                        "page4@paging.test");
    }

    @Test
    void page_size_and_cursor_are_checked() {
        assertThat(execute("{ customers(first: 101) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(execute("{ customers(first: -1) { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("PAGE_SIZE_OUT_OF_RANGE");
        assertThat(execute("{ customers(after: \"bm9wZQ\") { edges { cursor } } }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("INVALID_CURSOR");
    }

    @Test
    void the_router_resolves_customers_by_key_in_one_batch() {
        String id = register("entity@example.com", "Eve", "Entity")
                .at("/customer/id")
                .asString();
        JsonNode result = entities(
                "Customer",
                "id name",
                Map.of("__typename", "Customer", "id", id),
                Map.of("__typename", "Customer", "id", "00000000-0000-0000-0000-000000000009"));
        assertThat(result.at("/data/_entities/0/name").asString()).isEqualTo("Eve Entity");
        assertThat(result.at("/data/_entities/1").isNull()).isTrue();
    }

    @Test
    void an_update_changes_only_the_given_fields() {
        String id =
                register("upd@example.com", "Uma", "Update").at("/customer/id").asString();
        JsonNode payload = execute("""
                mutation($input: UpdateCustomerInput!) {
                  updateCustomer(input: $input) { customer { name email status } userErrors { code } }
                }""", Map.of("input", Map.of("id", id, "status", "BLOCKED")))
                .at("/data/updateCustomer");
        assertThat(payload.at("/customer/status").asString()).isEqualTo("BLOCKED");
        assertThat(payload.at("/customer/name").asString()).isEqualTo("Uma Update");

        JsonNode missing = execute("mutation { updateCustomer(input: {id: \"00000000-0000-0000-0000-000000000002\", "
                        + "firstName: \"X\"}) { userErrors { code } } }")
                .at("/data/updateCustomer");
        assertThat(missing.at("/userErrors/0/code").asString()).isEqualTo("NOT_FOUND");
    }
}
