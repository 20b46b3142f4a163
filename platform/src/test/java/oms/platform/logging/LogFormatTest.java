package oms.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OMS_LOG_FORMAT and what one JSON log line of a subgraph holds. */
class LogFormatTest {

    private static MockEnvironment environment(String format) {
        MockEnvironment env = new MockEnvironment().withProperty("spring.application.name", "orders");
        if (format != null) {
            env.setProperty("oms.log-format", format);
        }
        new LogFormat().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void json_is_the_default_and_text_keeps_spring_boots_lines() {
        assertThat(environment(null).getProperty("logging.structured.format.console"))
                .isEqualTo("ecs");
        assertThat(environment("JSON").getProperty("logging.structured.format.file"))
                .isEqualTo("ecs");
        assertThat(environment("text").getProperty("logging.structured.format.console"))
                .isNull();
        assertThatThrownBy(() -> environment("xml")).hasMessageContaining("OMS_LOG_FORMAT");
    }

    @Test
    void a_json_line_has_time_level_service_trace_and_span() {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment("json"));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        LoggingEvent event = new LoggingEvent(
                "x", context.getLogger("oms.orders.Test"), Level.WARN, "Order {} late", null, new Object[] {"ORD-1"});
        event.setMDCPropertyMap(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7"));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.path("@timestamp").asString()).isNotEmpty();
        assertThat(json.at("/log/level").asString()).isEqualTo("WARN");
        assertThat(json.at("/service/name").asString()).isEqualTo("orders");
        assertThat(json.path("message").asString()).isEqualTo("Order ORD-1 late");
        assertThat(json.path("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.path("spanId").asString()).isEqualTo("00f067aa0ba902b7");
    }
}
