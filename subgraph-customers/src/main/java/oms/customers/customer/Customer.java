package oms.customers.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A customer; {@code subject} is the identity-provider account linked to it, if any. */
public record Customer(
        UUID id,
        String email,
        String firstName,
        String lastName,
        String phone,
        CustomerStatus status,
        List<String> tags,
        String subject,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public String name() {
        return firstName + " " + lastName;
    }
}
