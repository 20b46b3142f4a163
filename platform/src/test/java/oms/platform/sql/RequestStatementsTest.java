package oms.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestStatementsTest {

    private final RequestStatements statements = new RequestStatements();

    @Test
    void every_part_of_a_request_adds_to_the_same_tally() {
        statements.tallyFor("req-1").orElseThrow().add(2);
        statements.tallyFor("req-1").orElseThrow().add(3);
        assertThat(statements.statements("req-1")).contains(5L);
        assertThat(statements.statements("req-2")).isEmpty();
    }

    @Test
    void a_client_sending_ever_new_request_ids_cannot_grow_the_memory() {
        statements.tallyFor("watched").orElseThrow().add(1);
        for (int i = 0; i < 10_000; i++) {
            statements.tallyFor("flood-" + i);
        }
        assertThat(statements.statements("watched")).isEmpty();
        assertThat(statements.statements("flood-9999")).contains(0L);
        assertThat(statements.statements("flood-" + (9999 - RequestStatements.CAPACITY)))
                .isEmpty();
    }

    @Test
    void odd_or_oversized_request_ids_are_not_counted() {
        assertThat(statements.tallyFor(null)).isEmpty();
        assertThat(statements.tallyFor("")).isEmpty();
        assertThat(statements.tallyFor("x".repeat(65))).isEmpty();
        assertThat(statements.tallyFor("a b")).isEmpty();
        assertThat(statements.tallyFor("../etc")).isEmpty();
        assertThat(statements.tallyFor("0b9a7c2e-4f1d-4c1a-9d53-2f1e0c6a7b88")).isPresent();
    }
}
