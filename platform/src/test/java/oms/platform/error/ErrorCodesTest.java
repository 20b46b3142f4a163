package oms.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One list of error codes: README's error table and the router's codes agree with {@link ErrorCode}. */
class ErrorCodesTest {

    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> CODES =
            Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));

    @Test
    void the_readme_error_table_lists_exactly_the_codes() throws IOException {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        int start = readme.indexOf("\n## Errors\n");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Set<String> documented = new TreeSet<>();
        for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            Matcher code = Pattern.compile("`([A-Z_]+)`").matcher(line.substring(0, line.indexOf('|', 2)));
            while (code.find()) {
                documented.add(code.group(1));
            }
        }
        assertThat(documented).isEqualTo(CODES);
    }

    @Test
    void every_code_the_router_answers_is_one_of_them() throws IOException {
        Set<String> router = new TreeSet<>();
        try (Stream<Path> files = Files.list(PROJECT.resolve("router-config/plugins"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".mjs")).toList()) {
                Matcher literal = Pattern.compile("'([A-Z]+(?:_[A-Z]+)+)'").matcher(Files.readString(file));
                while (literal.find()) {
                    router.add(literal.group(1));
                }
            }
        }
        // library errors, settings, and the HTTP transport's codes that the router maps to SERVICE_UNAVAILABLE
        router.removeIf(name -> name.startsWith("ERR_")
                || name.startsWith("OMS_")
                || Set.of("SUBREQUEST_HTTP_ERROR", "DOWNSTREAM_SERVICE_ERROR").contains(name));
        assertThat(router).isNotEmpty();
        assertThat(CODES).containsAll(router);
    }
}
