package oms.orders.replica;

import java.util.UUID;
import oms.platform.security.CustomerLinks;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Links an account to its customer through the replica of customers (see CustomerUpserted.subject). */
@Component
class ReplicaCustomerLinks implements CustomerLinks {

    private final Replicas replicas;

    ReplicaCustomerLinks(Replicas replicas) {
        this.replicas = replicas;
    }

    @Override
    public Mono<UUID> customerOf(String subject) {
        return replicas.customerOf(subject);
    }
}
