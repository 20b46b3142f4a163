package oms.customers.customer;

import java.util.UUID;
import oms.platform.security.CustomerLinks;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The customer an account created for itself (registerMyProfile), by the account's subject. */
@Component
class SubjectCustomerLinks implements CustomerLinks {

    private final CustomerRepository customers;

    SubjectCustomerLinks(CustomerRepository customers) {
        this.customers = customers;
    }

    @Override
    public Mono<UUID> customerOf(String subject) {
        return customers.findBySubject(subject).map(Customer::id);
    }
}
