package oms.platform.tracing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * {@code OMS_TRACING}: {@code on} (the default) or {@code off}. Off takes tracing out of the service
 * altogether: the Brave tracer, the Zipkin reporter and Micrometer's tracing handlers are not
 * configured, only the no-op tracer, so requests pay nothing for it (Spring Boot 4 has no switch of its
 * own for that: {@code management.tracing.export.enabled} still builds the tracer and opens a scope per
 * observation). Anything else stops the service with a clear message.
 */
public class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "OMS_TRACING";
    static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.zipkin.autoconfigure.ZipkinAutoConfiguration");
    private static final String EXCLUDE = "spring.autoconfigure.exclude";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty(PROPERTY, "on").strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "on" -> {}
            case "off" -> {
                Set<String> excluded =
                        new LinkedHashSet<>(StringUtils.commaDelimitedListToSet(environment.getProperty(EXCLUDE, "")));
                excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
                excluded.remove("");
                environment
                        .getPropertySources()
                        .addFirst(new MapPropertySource(
                                "omsTracingOff",
                                Map.of(
                                        EXCLUDE,
                                        String.join(",", excluded),
                                        "management.tracing.export.enabled",
                                        "false",
                                        // no trace ids to carry into log lines: thread locals restored only where asked
                                        // for
                                        "spring.reactor.context-propagation",
                                        "limited")));
            }
            default -> throw new IllegalArgumentException("OMS_TRACING must be on or off, got \"" + value + "\"");
        }
    }

    /** After the config files are read, like {@code LogFormat}. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
