package oms.customers.note;

import java.time.OffsetDateTime;
import java.util.UUID;

public record CustomerNote(UUID id, UUID customerId, String author, String body, OffsetDateTime createdAt) {

    public static final int MAX_LENGTH = 4000;
}
