package oms.platform;

import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.fieldvalidation.FieldValidationInstrumentation;
import io.micrometer.core.instrument.MeterRegistry;
import oms.platform.error.ErrorSanitizer;
import oms.platform.error.GraphQlErrorResolver;
import oms.platform.graphql.DecimalScalar;
import oms.platform.graphql.DocumentCache;
import oms.platform.graphql.InputLimits;
import oms.platform.security.CallerInterceptor;
import oms.platform.security.CustomerLinks;
import oms.platform.security.RouterSignatureCheck;
import oms.platform.sql.RequestStatements;
import oms.platform.sql.RequestStatementsEndpoint;
import oms.platform.sql.RequestStatementsFilter;
import oms.platform.sql.SqlStatementMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebExceptionHandler;

/** Wiring that every subgraph gets by depending on the platform module. */
@AutoConfiguration
public class PlatformAutoConfiguration {

    /** WebSocket upgrades (subscriptions) on the connection's event loop: see {@link oms.platform.web.EventLoopUpgradeStrategy}. */
    @Bean
    org.springframework.web.reactive.config.WebFluxConfigurer eventLoopWebSocketUpgrades() {
        return new org.springframework.web.reactive.config.WebFluxConfigurer() {
            @Override
            public org.springframework.web.reactive.socket.server.WebSocketService getWebSocketService() {
                return new org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService(
                        new oms.platform.web.EventLoopUpgradeStrategy());
            }
        };
    }

    /** Primary: DGS also hands it the errors of federation's entity fetchers. */
    @Bean
    @Primary
    GraphQlErrorResolver graphQlErrorResolver() {
        return new GraphQlErrorResolver();
    }

    @Bean
    RouterSignatureCheck routerSignatureCheck(@Value("${oms.security.hmac-secret:}") String secret) {
        if (secret.isBlank()) {
            throw new IllegalStateException("Set OMS_HMAC_SECRET (oms.security.hmac-secret): the secret the router "
                    + "signs subgraph requests with; subgraphs refuse requests it did not sign");
        }
        return new RouterSignatureCheck(secret);
    }

    @Bean
    @Order(-2)
    WebExceptionHandler unsignedRequestHandler() {
        return RouterSignatureCheck.handler();
    }

    @Bean
    ErrorSanitizer errorSanitizer() {
        return new ErrorSanitizer();
    }

    @Bean
    CallerInterceptor callerInterceptor(
            ObjectProvider<CustomerLinks> links,
            ObjectProvider<org.springframework.security.oauth2.jwt.ReactiveJwtDecoder> decoder) {
        return new CallerInterceptor(links.getIfAvailable(), decoder.getIfAvailable());
    }

    @Bean
    DecimalScalar decimalScalar() {
        return new DecimalScalar();
    }

    /** Each distinct document is parsed and validated once, in a cache bounded by the documents' length. */
    @Bean
    DocumentCache documentCache(
            @Value("${oms.graphql.document-cache-characters:" + DocumentCache.DEFAULT_MAX_CHARACTERS + "}")
                    long maxCharacters) {
        return new DocumentCache(maxCharacters);
    }

    /** Every argument and input field is bounded before any data fetcher runs. */
    @Bean
    Instrumentation inputLimits() {
        return new FieldValidationInstrumentation(new InputLimits());
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
