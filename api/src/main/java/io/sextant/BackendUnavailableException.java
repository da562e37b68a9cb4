package io.sextant;

/** The backend could not be reached or refused the operation (for example wrong credentials). */
public final class BackendUnavailableException extends SextantException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackendUnavailableException(String message) {
        super(message);
    }
}
