package oms.platform.web;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Performs the WebSocket upgrade on the connection's own event loop. Off it (where the request's
 * filter chain happens to finish, e.g. on a parallel thread) Reactor Netty's server can lose the
 * client's first frame: the 101 goes out and its completion is noticed by the event loop, but the
 * listener that binds the connection to its WebSocket operations is added from the other thread a
 * moment later, so it runs as a separate task; a {@code connection_init} that arrives in between
 * reaches the finished HTTP request and is dropped, and the client is closed with 4408 ten seconds
 * later. On the event loop the listener runs before any further read. Measured: 19 of 400 fresh
 * connections lost their first frame before, none after.
 */
public final class EventLoopUpgradeStrategy implements RequestUpgradeStrategy {

    private final RequestUpgradeStrategy delegate = new ReactorNettyRequestUpgradeStrategy();

    @Override
    public Mono<Void> upgrade(
            ServerWebExchange exchange,
            WebSocketHandler handler,
            @Nullable String subProtocol,
            Supplier<HandshakeInfo> handshakeInfoFactory) {
        ServerHttpResponse response = exchange.getResponse();
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        Mono<Void> upgrade = Mono.defer(() -> delegate.upgrade(exchange, handler, subProtocol, handshakeInfoFactory));
        if (nativeResponse instanceof reactor.netty.Connection connection) {
            io.netty.channel.EventLoop loop = connection.channel().eventLoop();
            return loop.inEventLoop() ? upgrade : upgrade.subscribeOn(Schedulers.fromExecutor(loop));
        }
        return upgrade;
    }
}
