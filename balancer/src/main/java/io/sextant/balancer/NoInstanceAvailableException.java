package io.sextant.balancer;

import io.sextant.SextantException;

/**
 * No instance of a service can take a call: the snapshot is empty, or none of its instances is
 * {@code UP} with a weight above 0.
 */
public final class NoInstanceAvailableException extends SextantException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final int known;

    /**
     * @param service the service's name
     * @param known   how many instances the snapshot lists, pickable or not
     */
    public NoInstanceAvailableException(String service, int known) {
        super(known == 0
                ? "No instance of service '" + service + "' is registered"
                : "No instance of service '" + service + "' is available: all " + known
                        + " registered instances are DRAINING, DOWN or of weight 0");
        this.service = service;
        this.known = known;
    }

    /** The service that had no instance to offer. */
    public String service() {
        return service;
    }

    /** How many instances the snapshot listed, none of them pickable. */
    public int knownInstances() {
        return known;
    }
}
