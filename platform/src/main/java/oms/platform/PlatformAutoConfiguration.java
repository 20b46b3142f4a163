package oms.platform;

import io.micrometer.core.instrument.MeterRegistry;
import oms.platform.error.ErrorSanitizer;
import oms.platform.error.GraphQlErrorResolver;
import oms.platform.graphql.DecimalScalar;
import oms.platform.security.CallerInterceptor;
import oms.platform.security.CustomerLinks;
import oms.platform.sql.RequestStatements;
import oms.platform.sql.RequestStatementsEndpoint;
import oms.platform.sql.RequestStatementsFilter;
import oms.platform.sql.SqlStatementMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Wiring that every subgraph gets by depending on the platform module. */
@AutoConfiguration
public class PlatformAutoConfiguration {

    /** Primary: DGS also hands it the errors of federation's entity fetchers. */
    @Bean
    @Primary
    GraphQlErrorResolver graphQlErrorResolver() {
        return new GraphQlErrorResolver();
    }

    @Bean
    ErrorSanitizer errorSanitizer() {
        return new ErrorSanitizer();
    }

    @Bean
    CallerInterceptor callerInterceptor(ObjectProvider<CustomerLinks> links,
                                        ObjectProvider<org.springframework.security.oauth2.jwt.ReactiveJwtDecoder> decoder) {
        return new CallerInterceptor(links.getIfAvailable(), decoder.getIfAvailable());
    }

    @Bean
    DecimalScalar decimalScalar() {
        return new DecimalScalar();
    }

    @Bean
    static SqlStatementMetrics sqlStatementMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SqlStatementMetrics(registry);
    }

    @Bean
    RequestStatements requestStatements() {
        return new RequestStatements();
    }

    @Bean
    RequestStatementsFilter requestStatementsFilter(RequestStatements statements) {
        return new RequestStatementsFilter(statements);
    }

    @Bean
    RequestStatementsEndpoint requestStatementsEndpoint(RequestStatements statements) {
        return new RequestStatementsEndpoint(statements);
    }
}
