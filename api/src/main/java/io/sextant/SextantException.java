package io.sextant;

/** Base of Sextant's unchecked exceptions. */
public class SextantException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SextantException(String message) {
        super(message);
    }

    public SextantException(String message, Throwable cause) {
        super(message, cause);
    }
}
