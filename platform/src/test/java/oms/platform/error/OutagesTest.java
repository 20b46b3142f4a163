package oms.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class OutagesTest {

    @Test
    void an_unreachable_or_restarting_dependency_is_an_outage() {
        assertThat(Outages.isOutage(new R2dbcNonTransientResourceException("Connection refused")))
                .isTrue();
        assertThat(Outages.isOutage(new RuntimeException("wrapped", new ConnectException("refused"))))
                .isTrue();
        // the server is shutting down / in recovery (SQLSTATE 57P01, 57P03) or the connection broke (class 08)
        assertThat(Outages.isOutage(new R2dbcBadGrammarException("terminating connection", "57P01")))
                .isTrue();
        assertThat(Outages.isOutage(new R2dbcBadGrammarException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(Outages.isOutage(new java.sql.SQLException("connection failure", "08006")))
                .isTrue();
        assertThat(Outages.isOutage(new io.lettuce.core.RedisCommandTimeoutException("Command timed out")))
                .isTrue();
    }

    @Test
    void a_failure_of_the_request_or_the_code_is_not() {
        assertThat(Outages.isOutage(new R2dbcBadGrammarException("syntax error", "42601")))
                .isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("bad payload")))
                .isFalse();
        assertThat(Outages.isOutage(new NullPointerException())).isFalse();
        assertThat(Outages.isOutage(new DomainException(ErrorCode.NOT_FOUND, "no such order")))
                .isFalse();
    }
}
