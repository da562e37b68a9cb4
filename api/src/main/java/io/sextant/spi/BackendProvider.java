package io.sextant.spi;

/**
 * Makes {@link Backend}s of one kind; found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations are small and stateless, have a public no-argument constructor and never throw
 * while being loaded. Register in {@code META-INF/services/io.sextant.spi.BackendProvider}.
 */
public interface BackendProvider {

    /** The name configuration selects this backend by ({@code sextant.backend}), e.g. {@code etcd}. */
    String name();

    /** When two providers share a name, the higher priority wins. Default 5. */
    default int priority() {
        return 5;
    }

    /** Whether this provider can work here (its client library is present, say). Default true. */
    default boolean isAvailable() {
        return true;
    }

    /**
     * Opens a connected backend. Waits at most {@link BackendConfig#connectTimeout()} for a first
     * connection.
     *
     * @throws IllegalArgumentException when a key is missing or malformed, naming the key
     * @throws io.sextant.BackendUnavailableException when the backend cannot be reached or refuses
     *     the credentials, naming the endpoint
     */
    Backend open(BackendConfig config);
}
