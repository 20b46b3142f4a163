package oms.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;
import reactor.core.publisher.Mono;

/**
 * A subgraph is stateless: the bearer token is the only credential, so no request, with a token or
 * without, makes a web session. (Spring Security's defaults look the security context and the saved
 * request up in one, and WebFlux's in-memory store creates each on another thread pool and hands it
 * back on a third: two thread hops per request, about a sixth of a small request's CPU.) The platform's
 * security configuration is the same in every subgraph, so one of them checks it.
 */
@Import(StatelessRequestsIT.CountingSessions.class)
class StatelessRequestsIT extends SubgraphIT {

    @Test
    void no_request_makes_a_web_session() {
        int before = CountingSessions.created.get();

        assertThat(execute("{ customers(first: 1) { edges { node { id } } } }").has("errors"))
                .isFalse();
        assertThat(anonymous().execute("{ __typename }").has("errors")).isFalse();
        assertThat(as("not-a-jwt")
                        .execute("{ __typename }")
                        .at("/errors/0/extensions/code")
                        .asString())
                .isEqualTo("UNAUTHENTICATED");

        assertThat(CountingSessions.created.get()).isEqualTo(before);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CountingSessions {

        static final AtomicInteger created = new AtomicInteger();

        @Bean(WebHttpHandlerBuilder.WEB_SESSION_MANAGER_BEAN_NAME)
        WebSessionManager webSessionManager() {
            DefaultWebSessionManager manager = new DefaultWebSessionManager();
            manager.setSessionStore(new InMemoryWebSessionStore() {
                @Override
                public Mono<WebSession> createWebSession() {
                    created.incrementAndGet();
                    return super.createWebSession();
                }
            });
            return manager;
        }
    }
}
