package oms.customers.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record Customer(
        UUID id,
        String email,
        String firstName,
        String lastName,
        String phone,
        CustomerStatus status,
        List<String> tags,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public String name() {
        return firstName + " " + lastName;
    }
}
