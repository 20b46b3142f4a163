package oms.orders.reporting;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import oms.platform.error.DomainException;
import oms.platform.error.ErrorCode;

/**
 * What a sales report covers: orders placed in [from, to), grouped by {@code interval}, optionally of
 * one currency. Domain rules only; checked before any SQL runs.
 */
public record ReportRange(OffsetDateTime from, OffsetDateTime to, Interval interval, String currency) {

    public enum Interval {
        DAY(1),
        WEEK(7),
        MONTH(31);

        private final int days;

        Interval(int days) {
            this.days = days;
        }

        /** The unit PostgreSQL's date_trunc takes. */
        String unit() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final long MAX_DAYS = 3_660;
    static final long MAX_PERIODS = 1_000;

    public static ReportRange of(OffsetDateTime from, OffsetDateTime to, Interval interval, String currency) {
        Interval by = interval == null ? Interval.DAY : interval;
        if (!to.isAfter(from)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, List.of("to"), "to must be after from");
        }
        long days = Duration.between(from, to).toDays();
        if (days > MAX_DAYS) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT,
                    List.of("to"),
                    "A report covers at most " + MAX_DAYS + " days; this range has " + days);
        }
        if (days / by.days > MAX_PERIODS) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT,
                    List.of("interval"),
                    "A report has at most " + MAX_PERIODS + " periods: choose a longer interval");
        }
        String code = null;
        if (currency != null) {
            code = currency.trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{3}")) {
                throw new DomainException(
                        ErrorCode.INVALID_ARGUMENT,
                        List.of("currency"),
                        "currency must be an ISO 4217 code such as EUR");
            }
        }
        return new ReportRange(from, to, by, code);
    }

    /** A top list's size, 1 to 100. */
    static int first(Integer first, String field) {
        int n = first == null ? 10 : first;
        if (n < 1 || n > 100) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, List.of(field), "first must be between 1 and 100");
        }
        return n;
    }

    /** Ranking by revenue adds up amounts: only within one currency. */
    void requireCurrencyFor(String ranking) {
        if (currency == null) {
            throw new DomainException(
                    ErrorCode.INVALID_ARGUMENT,
                    List.of("currency"),
                    "Ranking by " + ranking
                            + " needs the report's currency (amounts in different currencies do not add up)");
        }
    }
}
