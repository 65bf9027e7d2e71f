package io.teatree.api.intents;

import io.teatree.functions.InvalidFieldException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code ?wait=} values: {@code 10s}, {@code 500ms}, {@code 1m}, a bare number of seconds or ISO-8601 ({@code PT10S}). */
public final class WaitDuration {

    private static final Pattern SIMPLE = Pattern.compile("^(\\d{1,9})(ms|s|m)?$");

    private WaitDuration() {
    }

    /** The wait, capped at {@code max}; zero when {@code value} is null or empty. */
    public static Duration parse(String value, Duration max) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        Duration wait;
        Matcher m = SIMPLE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            wait = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
        } else {
            try {
                wait = Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("wait", "wait must be a duration such as 10s, 500ms, 1m or PT10S");
            }
        }
        if (wait.isNegative()) {
            throw new InvalidFieldException("wait", "wait must not be negative");
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
