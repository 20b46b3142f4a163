package oms.platform.sql;

import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code GET /actuator/sqlstatements/{requestId}}: the SQL statements one recent request cost this
 * service ({@code {"requestId": ..., "statements": n}}), 404 if the service has not seen it lately.
 */
@Endpoint(id = "sqlstatements")
public class RequestStatementsEndpoint {

    private final RequestStatements statements;

    public RequestStatementsEndpoint(RequestStatements statements) {
        this.statements = statements;
    }

    @ReadOperation
    public Map<String, Object> statements(@Selector String requestId) {
        return statements
                .statements(requestId)
                .<Map<String, Object>>map(n -> Map.of("requestId", requestId, "statements", n))
                .orElse(null);
    }
}
