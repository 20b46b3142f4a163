package oms.customers.demo;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import oms.customers.customer.CustomerEvents;
import oms.platform.demo.DemoData;
import oms.platform.demo.DemoData.DemoCustomer;
import oms.platform.demo.DemoSeeder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Seeds the demo customers into an empty database: one multi-row statement per table. */
@Component
@ConditionalOnBooleanProperty("oms.demo.seed")
class CustomerDemoSeeder extends DemoSeeder {

    private final CustomerEvents events;

    CustomerDemoSeeder(DatabaseClient db, TransactionalOperator tx, CustomerEvents events) {
        super(db, tx, "customers");
        this.events = events;
    }

    @Override
    protected Mono<String> seed(DemoData data) {
        List<DemoCustomer> customers = data.customers();
        return insertCustomers(customers)
                .then(insertAddresses(customers))
                .then(events.upserted(customers.stream()
                        .map(c -> new CustomerEvents.Seeded(c.id(), c.status(), c.subject()))
                        .toList()))
                .thenReturn(customers.size() + " demo customers");
    }

    private Mono<Long> insertCustomers(List<DemoCustomer> c) {
        return db.sql("""
                        INSERT INTO customers (id, email, first_name, last_name, phone, status, tags, subject,
                                               created_at, updated_at)
                        SELECT id, email, first_name, last_name, phone, status,
                               CASE WHEN tags = '' THEN '{}'::text[] ELSE string_to_array(tags, ',') END, subject,
                               created_at, created_at
                        FROM unnest(:ids::uuid[], :emails::text[], :firstNames::text[], :lastNames::text[], :phones::text[],
                                    :statuses::text[], :tags::text[], :subjects::text[], :createdAt::timestamptz[])
                             AS t(id, email, first_name, last_name, phone, status, tags, subject, created_at)
                        ON CONFLICT DO NOTHING""")
                .bind("ids", c.stream().map(DemoCustomer::id).toArray(UUID[]::new))
                .bind("emails", c.stream().map(DemoCustomer::email).toArray(String[]::new))
                .bind("firstNames", c.stream().map(DemoCustomer::firstName).toArray(String[]::new))
                .bind("lastNames", c.stream().map(DemoCustomer::lastName).toArray(String[]::new))
                .bind("phones", c.stream().map(DemoCustomer::phone).toArray(String[]::new))
                .bind("statuses", c.stream().map(DemoCustomer::status).toArray(String[]::new))
                .bind("tags", c.stream().map(x -> String.join(",", x.tags())).toArray(String[]::new))
                .bind("subjects", c.stream().map(DemoCustomer::subject).toArray(String[]::new))
                .bind(
                        "createdAt",
                        c.stream()
                                .map(x -> x.createdAt().atOffset(ZoneOffset.UTC))
                                .toArray(java.time.OffsetDateTime[]::new))
                .fetch()
                .rowsUpdated();
    }

    private Mono<Long> insertAddresses(List<DemoCustomer> c) {
        return db.sql("""
                        INSERT INTO addresses (id, customer_id, label, line1, city, postal_code, country, is_default)
                        SELECT id, customer_id, 'Home', line1, city, postal_code, country, true
                        FROM unnest(:ids::uuid[], :customerIds::uuid[], :line1::text[], :cities::text[],
                                    :postalCodes::text[], :countries::text[])
                             AS t(id, customer_id, line1, city, postal_code, country)
                        ON CONFLICT DO NOTHING""")
                .bind(
                        "ids",
                        c.stream()
                                .map(x -> DemoData.id("address", x.id().hashCode()))
                                .toArray(UUID[]::new))
                .bind("customerIds", c.stream().map(DemoCustomer::id).toArray(UUID[]::new))
                .bind("line1", c.stream().map(x -> x.address().line1()).toArray(String[]::new))
                .bind("cities", c.stream().map(x -> x.address().city()).toArray(String[]::new))
                .bind(
                        "postalCodes",
                        c.stream().map(x -> x.address().postalCode()).toArray(String[]::new))
                .bind("countries", c.stream().map(x -> x.address().country()).toArray(String[]::new))
                .fetch()
                .rowsUpdated();
    }
}
