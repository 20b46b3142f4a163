package oms.platform.error;

import java.util.List;

/** One rule that a mutation's input breaks: reported to the client as a user error. */
public record Violation(ErrorCode code, List<String> field, String message) {

    public Violation {
        field = List.copyOf(field);
    }

    public static Violation of(ErrorCode code, String field, String message) {
        return new Violation(code, List.of("input", field), message);
    }

    public DomainException toException() {
        return new DomainException(code, field, message);
    }
}
