package oms.platform.sql;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Puts the tally of the request's {@code x-request-id} into the Reactor context of its handling. */
public class RequestStatementsFilter implements WebFilter {

    private final RequestStatements statements;

    public RequestStatementsFilter(RequestStatements statements) {
        this.statements = statements;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return statements
                .tallyFor(exchange.getRequest().getHeaders().getFirst(RequestStatements.HEADER))
                .map(tally -> chain.filter(exchange)
                        .contextWrite(context -> context.put(RequestStatements.Tally.class, tally)))
                .orElseGet(() -> chain.filter(exchange));
    }
}
