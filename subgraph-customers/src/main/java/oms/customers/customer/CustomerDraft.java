package oms.customers.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import oms.platform.error.ErrorCode;
import oms.platform.error.Violation;

/**
 * The editable fields of a customer, normalised and checked. {@link #violations()} lists every
 * problem at once so a form can show them together.
 */
public record CustomerDraft(String email, String firstName, String lastName, String phone, List<String> tags) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{5,25}$");
    static final int MAX_NAME = 100;
    static final int MAX_TAGS = 20;

    public CustomerDraft {
        email = email == null ? null : email.trim();
        firstName = firstName == null ? null : firstName.trim();
        lastName = lastName == null ? null : lastName.trim();
        phone = phone == null || phone.isBlank() ? null : phone.trim();
        tags = tags == null
                ? List.of()
                : List.copyOf(new LinkedHashSet<>(
                        tags.stream().map(String::trim).map(String::toLowerCase).toList()));
    }

    public List<Violation> violations() {
        List<Violation> problems = new ArrayList<>();
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add(Violation.of(ErrorCode.INVALID_EMAIL, "email", "Not a valid e-mail address"));
        }
        checkName(problems, "firstName", firstName);
        checkName(problems, "lastName", lastName);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add(Violation.of(ErrorCode.INVALID_ARGUMENT, "phone", "Not a valid phone number"));
        }
        if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.isEmpty() || t.length() > 40)) {
            problems.add(Violation.of(
                    ErrorCode.INVALID_ARGUMENT, "tags", "Up to " + MAX_TAGS + " tags of 1 to 40 characters"));
        }
        return problems;
    }

    private static void checkName(List<Violation> problems, String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_NAME) {
            problems.add(Violation.of(ErrorCode.INVALID_ARGUMENT, field, "Must be 1 to " + MAX_NAME + " characters"));
        }
    }
}
