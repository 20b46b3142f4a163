package oms.platform.logging;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code OMS_LOG_FORMAT} ({@code oms.log-format}): {@code json} (the default, for production: one
 * Elastic Common Schema JSON object per line with {@code @timestamp}, {@code log.level},
 * {@code service.name}, the logger, the message and the MDC, so {@code traceId} and {@code spanId}
 * when tracing puts them there) or {@code text} (Spring Boot's usual lines, for a developer's
 * terminal). Explicit {@code logging.structured.format.*} settings win. Runs before the logging
 * system starts, so the very first lines already have the chosen format.
 */
public class LogFormat implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "oms.log-format";
    static final String STRUCTURED = "ecs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "json").strip().toLowerCase(Locale.ROOT);
        switch (format) {
            case "json" ->
                environment
                        .getPropertySources()
                        .addLast(new MapPropertySource(
                                "omsLogFormat",
                                Map.of(
                                        "logging.structured.format.console", STRUCTURED,
                                        "logging.structured.format.file", STRUCTURED)));
            case "text" -> {} // Spring Boot's default pattern
            default ->
                throw new IllegalArgumentException("OMS_LOG_FORMAT must be json or text, got \"" + format + "\"");
        }
    }

    /** After the config files are read: {@code oms.log-format} may come from any of them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
