package oms.platform.error;

import java.util.List;

/** The result of a mutation: the changed object, or the rules its input broke (nothing changed). */
public sealed interface Outcome<T> {

    record Done<T>(T value) implements Outcome<T> {}

    record Rejected<T>(List<Violation> violations) implements Outcome<T> {
        public Rejected {
            violations = List.copyOf(violations);
        }
    }

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> rejected(List<Violation> violations) {
        return new Rejected<>(violations);
    }

    static <T> Outcome<T> rejected(Violation violation) {
        return new Rejected<>(List.of(violation));
    }
}
