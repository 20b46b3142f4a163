package oms.orders.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import oms.platform.test.SubgraphIT;
import oms.platform.test.TestTokens;
import oms.testsupport.LiveConnection;
import org.junit.jupiter.api.Test;

/**
 * Many WebSocket opens in a row, each sending connection_init the moment it is open, as graphql-ws
 * clients do: every one is acknowledged, none is closed with 4408 (before the upgrade ran on the
 * connection's event loop, about one in twenty lost its connection_init; see EventLoopUpgradeStrategy).
 */
class WebSocketOpensIT extends SubgraphIT {

    @Test
    void every_fresh_connection_is_acknowledged() {
        URI ws = URI.create("ws://127.0.0.1:" + port + "/subscriptions");
        int before = LiveConnection.initRetries();
        List<LiveConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                LiveConnection connection = LiveConnection.open(ws, TestTokens.customer(UUID.randomUUID()));
                for (int s = 0; s < 20; s++) {
                    connection.subscribe("subscription { myOrderStatusChanges { status } }", Map.of());
                }
                open.add(connection);
            }
        } finally {
            open.forEach(LiveConnection::close);
        }
        assertThat(LiveConnection.initRetries() - before)
                .as("opens closed with 4408")
                .isZero();
    }
}
