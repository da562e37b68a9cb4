package io.sextant.spi.support;

import java.util.regex.Pattern;

/** Argument validation with messages that name the field, the rule and the bad value. */
public final class Checks {
    /** Service names: lower case, digits, dot, underscore, dash; 1..63 characters; starts alphanumeric. */
    public static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** Instance ids: one key segment, so no '/' and no whitespace; 1..128 characters. */
    public static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    /** Zones: 0..64 characters of letters, digits, dot, underscore, dash. */
    public static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]{0,64}");
    /** Namespaces: like service names, one path segment. */
    public static final Pattern NAMESPACE = SERVICE_NAME;

    private Checks() {
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    public static String matches(String field, String value, Pattern pattern, String rule) {
        notNull(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must " + rule + ", got '" + abbreviate(value) + "'");
        }
        return value;
    }

    public static String serviceName(String field, String value) {
        return matches(field, value, SERVICE_NAME,
                "match [a-z0-9]([a-z0-9._-]{0,62}) (lower case, 1 to 63 characters)");
    }

    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    public static java.time.Duration positive(String field, java.time.Duration value) {
        notNull(field, value);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
        return value;
    }

    /** Cuts a value for an error message so a huge bad input does not make a huge message. */
    public static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
