package io.sextant;

/**
 * A backend record that does not parse as an instance record, or parses but fails validation.
 *
 * <p>Caches catch it: the record is skipped, logged once per key and counted, never thrown to
 * callers or out of a watch.
 */
public final class InvalidRecordException extends SextantException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidRecordException(String key, String message, Throwable cause) {
        super("invalid record at '" + key + "': " + message, cause);
        this.key = key;
    }

    /** The backend key of the record, or {@code "?"} when decoded without one. */
    public String key() {
        return key;
    }
}
