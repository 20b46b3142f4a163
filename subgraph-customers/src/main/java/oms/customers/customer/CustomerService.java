package oms.customers.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import oms.customers.address.AddressDraft;
import oms.customers.address.AddressRepository;
import oms.platform.error.ErrorCode;
import oms.platform.error.Outcome;
import oms.platform.error.Violation;
import oms.platform.pagination.Page;
import oms.platform.pagination.PageRequest;
import oms.platform.security.Caller;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

@Service
class CustomerService {

    private final CustomerRepository customers;
    private final AddressRepository addresses;
    private final TransactionalOperator tx;
    private final CustomerEvents events;

    CustomerService(
            CustomerRepository customers,
            AddressRepository addresses,
            TransactionalOperator tx,
            CustomerEvents events) {
        this.customers = customers;
        this.addresses = addresses;
        this.tx = tx;
        this.events = events;
    }

    Mono<Page<Customer>> page(String search, PageRequest request) {
        return customers
                .findPage(search, request)
                .collectList()
                .map(rows -> Page.fromRows(rows, request, CustomerRepository::cursorOf));
    }

    /** The caller's own profile: by the customer id in their token, else by their account's subject. */
    Mono<Customer> mine(Caller caller) {
        if (caller.customerId() != null) {
            return customers.findAllById(List.of(caller.customerId())).next();
        }
        return caller.isAuthenticated() ? customers.findBySubject(caller.subject()) : Mono.empty();
    }

    /** A signed-in user creates their own profile, linked to their account; one per account. */
    Mono<Outcome<Customer>> registerMine(Caller caller, CustomerDraft draft, AddressDraft address) {
        return mine(caller)
                .map(existing -> Outcome.<Customer>rejected(new Violation(
                        ErrorCode.PROFILE_EXISTS, List.of(), "This account already has a customer profile")))
                .switchIfEmpty(Mono.defer(() -> register(draft, address, caller.subject())))
                .onErrorResume(
                        DataIntegrityViolationException.class,
                        e -> Mono.just(Outcome.rejected(new Violation(
                                ErrorCode.PROFILE_EXISTS, List.of(), "This account already has a customer profile"))));
    }

    Mono<Outcome<Customer>> register(CustomerDraft draft, AddressDraft address) {
        return register(draft, address, null);
    }

    private Mono<Outcome<Customer>> register(CustomerDraft draft, AddressDraft address, String subject) {
        List<Violation> problems = new ArrayList<>(draft.violations());
        if (address != null) {
            problems.addAll(address.violations(List.of("input", "address")));
        }
        if (!problems.isEmpty()) {
            return Mono.just(Outcome.rejected(problems));
        }
        UUID id = UUID.randomUUID();
        Mono<Customer> insert = customers
                .insert(id, draft, subject)
                .flatMap(c -> address == null
                        ? Mono.just(c)
                        : addresses.insert(c.id(), address).thenReturn(c))
                .flatMap(events::upserted);
        return insert.as(tx::transactional)
                .doOnSuccess(c -> events.flush())
                .map(Outcome::done)
                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(duplicateEmail(e)));
    }

    Mono<Outcome<Customer>> update(UUID id, CustomerChanges changes) {
        return customers
                .findAllById(List.of(id))
                .next()
                .flatMap(current -> {
                    CustomerDraft draft = changes.applyTo(current);
                    List<Violation> problems = draft.violations();
                    if (!problems.isEmpty()) {
                        return Mono.just(Outcome.<Customer>rejected(problems));
                    }
                    return customers
                            .update(id, draft, changes.status() == null ? current.status() : changes.status())
                            .flatMap(events::upserted)
                            .as(tx::transactional)
                            .doOnSuccess(c -> events.flush())
                            .map(Outcome::done)
                            .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(duplicateEmail(e)));
                })
                .defaultIfEmpty(notFound());
    }

    Mono<Outcome<Customer>> addAddress(UUID customerId, AddressDraft address) {
        List<Violation> problems = address.violations(List.of("input", "address"));
        if (!problems.isEmpty()) {
            return Mono.just(Outcome.rejected(problems));
        }
        return customers
                .findAllById(List.of(customerId))
                .next()
                .flatMap(c -> addresses.insert(customerId, address).thenReturn(Outcome.done(c)))
                .as(tx::transactional)
                .defaultIfEmpty(Outcome.rejected(new Violation(
                        ErrorCode.NOT_FOUND,
                        List.of("input", "customerId"),
                        "Customer " + customerId + " does not exist")));
    }

    private static Outcome<Customer> notFound() {
        return Outcome.rejected(Violation.of(ErrorCode.NOT_FOUND, "id", "No such customer"));
    }

    private static <T> Outcome<T> duplicateEmail(DataIntegrityViolationException e) {
        if (e.getMessage() != null && e.getMessage().contains("customers_email_key")) {
            return Outcome.rejected(Violation.of(
                    ErrorCode.DUPLICATE_EMAIL, "email", "A customer with this e-mail address already exists"));
        }
        throw e;
    }
}
