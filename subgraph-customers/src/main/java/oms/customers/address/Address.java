package oms.customers.address;

import java.util.UUID;

public record Address(
        UUID id,
        UUID customerId,
        String label,
        String line1,
        String line2,
        String city,
        String postalCode,
        String country,
        boolean isDefault) {}
