package io.sextant.testing;

import io.sextant.SextantConfig;

import java.time.Duration;

/**
 * A running backend server (or cluster) that the contract suite can use and hurt.
 *
 * <p>One fixture serves a whole test class; tests isolate themselves by namespace. Every method
 * blocks until its effect is done.
 */
public interface BackendFixture extends AutoCloseable {

    /** The backend name, as in {@code sextant.backend}. */
    String name();

    /**
     * A config builder pointing at this server, with backend, endpoints, TTL ({@link #ttl()}) and
     * short timeouts set. The caller adds its namespace.
     */
    SextantConfig.Builder config();

    /** The TTL / session timeout {@link #config()} sets. */
    Duration ttl();

    /**
     * Expires, on the server side, the lease or session that owns {@code key} (relative to the
     * namespace of {@code config}): the cluster deletes the owner's ephemerals as a real expiry would.
     */
    void expireOwnerOf(SextantConfig config, String key) throws Exception;

    /** Stops every server of the cluster (kill -9 where it is a process), keeping its data. */
    void stopAll() throws Exception;

    /** Starts every stopped server again and waits until it serves. */
    void startAll() throws Exception;

    /** Whether another JVM can reach this server (so a child process can register through it). */
    boolean reachableFromOtherProcesses();

    @Override
    void close() throws Exception;
}
