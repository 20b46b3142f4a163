package oms.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import oms.platform.test.EmbeddedPostgresInitializer;
import oms.platform.test.SubgraphIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@code OMS_TRACING=off} takes tracing out of a subgraph altogether: no Brave tracer, no Zipkin
 * reporter, only the no-op tracer (the property behind it was renamed once already, silently).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "OMS_TRACING=off")
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
class TracingOffIT extends SubgraphIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    Tracer tracer;

    @Test
    void no_tracer_and_no_reporter_are_running() {
        assertThat(context.getBeanNamesForType(brave.Tracing.class)).isEmpty();
        assertThat(context.getBeanNamesForType(zipkin2.reporter.BytesMessageSender.class))
                .isEmpty();
        assertThat(tracer).isSameAs(Tracer.NOOP);
        assertThat(execute("{ carriers { name } }").has("errors")).isFalse();
    }
}
