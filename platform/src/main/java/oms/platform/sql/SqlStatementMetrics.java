package oms.platform.sql;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import reactor.util.context.ContextView;

/**
 * Counts every SQL statement the service sends, as the meter {@code oms.sql.statements}. Operators
 * see database chattiness per request rate. A statement that runs in the reactive chain of a request
 * with an {@code x-request-id} also counts for that request ({@link RequestStatements}): the system
 * tests use it to prove that list queries cost a constant number of statements whatever the page
 * size (no N+1), unaffected by background work.
 */
public class SqlStatementMetrics implements BeanPostProcessor {

    public static final String METER = "oms.sql.statements";

    private final ObjectProvider<MeterRegistry> registry;
    private volatile Counter counter;

    public SqlStatementMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ConnectionFactory factory && !(bean instanceof CountingConnectionFactory)) {
            return new CountingConnectionFactory(factory, this::executed);
        }
        return bean;
    }

    private void executed(long statements, ContextView context) {
        counter().increment(statements);
        // the Reactor context of the subscriber that executed the statement
        context.<RequestStatements.Tally>getOrEmpty(RequestStatements.Tally.class)
                .ifPresent(t -> t.add(statements));
    }

    private Counter counter() {
        Counter c = counter;
        if (c == null) {
            c = Counter.builder(METER)
                    .description("SQL statements sent to the database")
                    .register(registry.getObject());
            counter = c;
        }
        return c;
    }
}
