package oms.platform.error;

import java.util.List;

/**
 * A failure a client can act on: it carries a stable {@link ErrorCode}, the input field it concerns
 * (if any) and a message that is safe to show.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final List<String> field;

    public DomainException(ErrorCode code, String message) {
        this(code, List.of(), message);
    }

    public DomainException(ErrorCode code, List<String> field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = List.copyOf(field);
    }

    public static DomainException notFound(String what, Object key) {
        return new DomainException(ErrorCode.NOT_FOUND, what + " " + key + " does not exist");
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> field() {
        return field;
    }
}
