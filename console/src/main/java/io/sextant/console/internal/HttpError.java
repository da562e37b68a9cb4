package io.sextant.console.internal;

/** A request the console answers with an error status and a short plain-text reason. */
final class HttpError extends RuntimeException {
    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
