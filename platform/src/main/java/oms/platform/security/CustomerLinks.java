package oms.platform.security;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Finds the customer record an account is linked to when its token carries no {@code customer_id}
 * claim (a customer who created their profile after signing in). A service that knows the link
 * (customers itself, orders through its replica) provides one.
 */
public interface CustomerLinks {
    Mono<UUID> customerOf(String subject);
}
