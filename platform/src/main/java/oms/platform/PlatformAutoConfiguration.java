package oms.platform;

import io.micrometer.core.instrument.MeterRegistry;
import oms.platform.error.ErrorSanitizer;
import oms.platform.error.GraphQlErrorResolver;
import oms.platform.graphql.DecimalScalar;
import oms.platform.sql.SqlStatementMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Wiring that every subgraph gets by depending on the platform module. */
@AutoConfiguration
public class PlatformAutoConfiguration {

    @Bean
    GraphQlErrorResolver graphQlErrorResolver() {
        return new GraphQlErrorResolver();
    }

    @Bean
    ErrorSanitizer errorSanitizer() {
        return new ErrorSanitizer();
    }

    @Bean
    DecimalScalar decimalScalar() {
        return new DecimalScalar();
    }

    @Bean
    static SqlStatementMetrics sqlStatementMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SqlStatementMetrics(registry);
    }
}
