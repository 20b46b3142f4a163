package oms.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void free_ports_are_distinct_listenable_and_outside_the_range_outgoing_connections_take() throws IOException {
        int ephemeralLow = StackOptions.ephemeralPortRange()[0];
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            int port = StackOptions.freePort();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            if (ephemeralLow > 11_000) {
                assertThat(port).isBetween(10_000, ephemeralLow - 1);
            }
        }
        for (int port : ports) {
            try (ServerSocket listening = new ServerSocket(port)) {
                assertThat(listening.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
