package oms.platform.demo;

import java.util.UUID;

/**
 * The demo users of the local Keycloak realm {@code oms} (keycloak/oms-realm.json). Their Keycloak
 * user ids are fixed, so they are the {@code sub} claim of every token those users get; alice and bob
 * carry a {@code customer_id} claim that links them to a demo customer. Each password is the
 * username followed by {@code -demo}. A test in the stack module keeps the realm file and these
 * constants in step.
 */
public final class DemoLogins {

    /** Customer with a customer profile ({@link #ALICE_CUSTOMER}). */
    public static final String ALICE_USERNAME = "alice";

    public static final UUID ALICE = UUID.fromString("b19307f0-9e28-4220-86c3-e90ba44666f2");
    public static final UUID ALICE_CUSTOMER = DemoData.id("customer", 1);

    /** Customer with a customer profile ({@link #BOB_CUSTOMER}). */
    public static final String BOB_USERNAME = "bob";

    public static final UUID BOB = UUID.fromString("4a067cdc-4b39-476a-8fbe-355b575a3b22");
    public static final UUID BOB_CUSTOMER = DemoData.id("customer", 2);

    /** Role customer but no customer profile: a logged-in user with no {@code customer_id} claim. */
    public static final String CAROL_USERNAME = "carol";

    public static final UUID CAROL = UUID.fromString("c0a7abf5-b4ad-401d-93ff-75c8efd9294f");

    /** Role sales. */
    public static final String SAM_USERNAME = "sam";

    public static final UUID SAM = UUID.fromString("0b531327-b9d8-4651-a37d-7dd4ec8a514f");

    /** Role warehouse. */
    public static final String WENDY_USERNAME = "wendy";

    public static final UUID WENDY = UUID.fromString("ae259b7a-ea9a-4e2e-bca2-ccb32048497b");

    /** Role admin. */
    public static final String ADA_USERNAME = "ada";

    public static final UUID ADA = UUID.fromString("52ba8b41-0cd4-432d-81a8-5b5fb0e93023");

    private DemoLogins() {}

    /** The demo password of a demo user. */
    public static String password(String username) {
        return username + "-demo";
    }
}
