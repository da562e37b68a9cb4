package io.sextant.spring;

/**
 * Sextant could not start from the application's configuration: a {@code sextant.*} property is
 * missing or wrong, or the backend it names cannot be reached. Reported at startup by
 * {@link SextantConfigurationFailureAnalyzer}, which names the property.
 */
public class SextantConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * @param property the property to fix, e.g. {@code sextant.backend}
     * @param message  what is wrong
     * @param action   what to do about it
     * @param cause    the library's exception
     */
    public SextantConfigurationException(String property, String message, String action, Throwable cause) {
        super(message, cause);
        this.property = property;
        this.action = action;
    }

    /** The property to fix. */
    public String property() {
        return property;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
