package dev.camstream.consumer.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A time range of the history endpoints, from their {@code from} and {@code to} parameters, checked. */
record TimeRange(Instant from, Instant to) {

    static final String TIME_FORMS = "ISO-8601 with a zone (2026-11-26T14:02:00Z) or epoch milliseconds";
    private static final int MOST_EPOCH_DIGITS = 15;

    /** The range, if both ends are times, {@code to} is not before {@code from}, and it spans at most {@code longest}. */
    static TimeRange of(String from, String to, Duration longest) {
        TimeRange range = new TimeRange(time("from", from), time("to", to));
        if (range.to.isBefore(range.from)) {
            throw new InvalidParameterException("invalid-range", "to is before from");
        }
        if (range.length().compareTo(longest) > 0) {
            throw new InvalidParameterException("range-too-long", "the range spans " + range.length().toSeconds()
                    + " s; at most " + longest.toSeconds() + " s are allowed here");
        }
        return range;
    }

    /** A time parameter: {@link #TIME_FORMS}. */
    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException("invalid-time", name + " is required: " + TIME_FORMS);
        }
        String text = value.strip();
        try {
            if (text.length() <= MOST_EPOCH_DIGITS && text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            // The value itself is not repeated: it is the client's, and may be anything.
            throw new InvalidParameterException("invalid-time", name + " is not a time: give " + TIME_FORMS);
        }
    }

    Duration length() {
        return Duration.between(from, to);
    }
}
