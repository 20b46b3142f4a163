package oms.stack;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Points a composed supergraph's subgraph URLs at the ports the stack actually uses. */
final class Supergraphs {

    private static final Pattern GRAPH =
            Pattern.compile("@join__graph\\(name: \"([a-z]+)\", url: \"http://localhost:\\d+/graphql\"\\)");

    private Supergraphs() {}

    static String withPorts(String supergraph, Map<String, Integer> ports) {
        Matcher m = GRAPH.matcher(supergraph);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Integer port = ports.get(m.group(1));
            if (port == null) {
                throw new IllegalStateException("No port for subgraph " + m.group(1));
            }
            m.appendReplacement(
                    out,
                    Matcher.quoteReplacement("@join__graph(name: \"" + m.group(1) + "\", url: \"http://localhost:"
                            + port + "/graphql\")"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
