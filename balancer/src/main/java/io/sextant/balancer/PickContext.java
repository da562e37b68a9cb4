package io.sextant.balancer;

import io.sextant.spi.support.Checks;
import io.sextant.balancer.spi.Hashing;

/**
 * What a balancer may know about one call: a request key (for consistent hashing and stickiness),
 * the caller's source address (for source hashing) and the caller's zone (for zone preference).
 *
 * <p>Immutable and cheap: the hashes of the key and the source address are computed once here, so a
 * pick hashes nothing. Build one per distinct key and reuse it where possible;
 * {@link #NONE} carries nothing. Hashes depend only on the strings, never on the JVM, so every
 * client maps a key to the same instance.
 */
public final class PickContext {
    /** A context with no key, no source address and no zone. */
    public static final PickContext NONE = new PickContext(null, null, "");

    private final String key;
    private final String sourceAddress;
    private final String zone;
    private final long keyHash;
    private final long sourceHash;

    private PickContext(String key, String sourceAddress, String zone) {
        this.key = key;
        this.sourceAddress = sourceAddress;
        this.zone = zone;
        this.keyHash = key == null ? 0 : Hashing.hash(key);
        this.sourceHash = sourceAddress == null ? 0 : Hashing.hash(sourceAddress);
    }

    /** A context carrying only the request key {@code key}. */
    public static PickContext ofKey(String key) {
        return NONE.withKey(key);
    }

    /** This context with request key {@code key} (non-null; any string). */
    public PickContext withKey(String key) {
        return new PickContext(Checks.notNull("key", key), sourceAddress, zone);
    }

    /** This context with the caller's source address (non-null, e.g. {@code 10.0.0.7}). */
    public PickContext withSourceAddress(String sourceAddress) {
        return new PickContext(key, Checks.notNull("sourceAddress", sourceAddress), zone);
    }

    /** This context with the caller's zone; empty for none. Same rule as {@link ServiceInstance#zone()}. */
    public PickContext withZone(String zone) {
        return new PickContext(key, sourceAddress,
                Checks.matches("zone", zone, Checks.ZONE, "be at most 64 characters of [A-Za-z0-9._-]"));
    }

    /** The request key, or {@code null} when none was given. */
    public String key() {
        return key;
    }

    /** Whether a request key was given. */
    public boolean hasKey() {
        return key != null;
    }

    /** A 64-bit hash of the key (0 without a key). */
    public long keyHash() {
        return keyHash;
    }

    /** The caller's source address, or {@code null} when none was given. */
    public String sourceAddress() {
        return sourceAddress;
    }

    /** Whether a source address was given. */
    public boolean hasSourceAddress() {
        return sourceAddress != null;
    }

    /** A 64-bit hash of the source address (0 without one). */
    public long sourceHash() {
        return sourceHash;
    }

    /** The caller's zone, or the empty string for none. */
    public String zone() {
        return zone;
    }

    @Override
    public String toString() {
        return "PickContext{key=" + (key == null ? "-" : Checks.abbreviate(key))
                + " source=" + (sourceAddress == null ? "-" : sourceAddress)
                + " zone=" + (zone.isEmpty() ? "-" : zone) + "}";
    }
}
