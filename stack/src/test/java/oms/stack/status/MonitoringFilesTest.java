package oms.stack.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oms.testsupport.GraphQlClient;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The monitoring files under deploy/monitoring: the alert rules are well formed (and pass promtool
 * where it is installed), and every series that a rule or a dashboard panel reads is one the services
 * really export, as captured from a running orders subgraph and router.
 */
class MonitoringFilesTest {

    private static final Path DIR =
            Path.of(System.getProperty("oms.project.dir", "..")).resolve("deploy/monitoring");
    private static final Pattern SERIES =
            Pattern.compile("\\b((?:oms|graphql|http_server|r2dbc)_[a-z0-9_]+|up)\\b\\s*[{\\[)]");

    @Test
    void every_rule_names_its_severity_and_summary() throws IOException {
        List<Map<String, Object>> rules = rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
        for (Map<String, Object> rule : rules) {
            assertThat(rule).containsKeys("alert", "expr", "labels", "annotations");
            assertThat(((Map<?, ?>) rule.get("labels")).get("severity"))
                    .as(rule.get("alert").toString())
                    .isIn("page", "ticket");
            assertThat(((Map<?, ?>) rule.get("annotations")).get("summary"))
                    .as(rule.get("alert").toString())
                    .isNotNull();
        }
    }

    @Test
    void rules_and_panels_read_only_series_the_services_export() throws IOException {
        Set<String> exported = new TreeSet<>();
        for (String sample : List.of("/status/orders.prom", "/status/router.prom")) {
            String text = new String(
                    MonitoringFilesTest.class.getResourceAsStream(sample).readAllBytes());
            for (String line : text.split("\n")) {
                if (line.startsWith("# TYPE ")) {
                    exported.add(line.split(" ")[2]);
                }
            }
        }
        // meters of the other services, and what Prometheus itself adds
        exported.addAll(List.of("up"));
        List<String> expressions = new ArrayList<>();
        rules().forEach(rule -> expressions.add(rule.get("expr").toString()));
        JsonNode dashboard = GraphQlClient.json().readTree(Files.readString(DIR.resolve("grafana/oms-dashboard.json")));
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(t -> expressions.add(t.path("expr").asString())));
        assertThat(expressions).hasSizeGreaterThan(20);
        for (String expression : expressions) {
            // label lists of aggregations name labels, not series
            Matcher m = SERIES.matcher(expression.replaceAll("\\b(by|without)\\s*\\([^)]*\\)", ""));
            while (m.find()) {
                String series = m.group(1).replaceAll("_(bucket|count|sum)$", "");
                assertThat(exported)
                        .as("series %s read by %s", series, expression)
                        .contains(series);
            }
        }
    }

    @Test
    void promtool_accepts_the_configuration_where_it_is_installed() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool is not installed");
        Process check = new ProcessBuilder(promtool.toString(), "check", "config", "prometheus.yml")
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(DIR.resolve("alerts.yml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }
}
