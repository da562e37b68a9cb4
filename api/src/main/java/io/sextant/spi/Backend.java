package io.sextant.spi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A connected coordination-cluster client at the key-value level.
 *
 * <p>Keys are {@code /}-separated paths relative to the configured namespace, such as
 * {@code /services/orders/i-1}. Prefixes passed to {@link #watch} and {@link #list} end with
 * {@code /} and match keys strictly below them.
 *
 * <p><b>Guarantees a backend must give</b> (the contract suite checks them on every backend):
 * <ul>
 *   <li>An ephemeral key stays present while its handle is open and the process lives. After a lost
 *   lease or expired session the backend re-creates every open key with its latest value, with
 *   jittered back-off, and reports it through {@link BackendListener}.</li>
 *   <li>A watch delivers a full snapshot, then every later change in order; after a gap it cannot
 *   replay it delivers a new full snapshot with {@code resync = true}. It never silently drops a
 *   change.</li>
 *   <li>Connection changes are reported as {@link ConnectionState}s.</li>
 * </ul>
 *
 * <p>Thread-safe. No method blocks; all work completes through the returned futures or listeners.
 */
public interface Backend extends AutoCloseable {

    /**
     * Writes an ephemeral key tied to this client's lease or session.
     *
     * @return a handle once the cluster has the key
     */
    CompletableFuture<EphemeralHandle> putEphemeral(String key, byte[] value);

    /**
     * Deletes any key, whoever wrote it (administrative use and tests); an open handle of this
     * client for that key stays open and may put it back.
     *
     * @return {@code true} when a key was deleted
     */
    CompletableFuture<Boolean> delete(String key);

    /** Reads one key; empty when absent. */
    CompletableFuture<Optional<byte[]>> get(String key);

    /** Reads every key under {@code prefix} (recursively) in one consistent read. */
    CompletableFuture<Map<String, byte[]>> list(String prefix);

    /**
     * Watches every key under {@code prefix} (recursively).
     *
     * @return closing it stops the watch; no call reaches the listener after {@code close} returns
     */
    AutoCloseable watch(String prefix, WatchListener listener);

    /** Adds a listener of connection state and restorations. */
    void addListener(BackendListener listener);

    /** The current connection state. */
    ConnectionState connectionState();

    /**
     * Closes the client: deletes every open ephemeral key (revoking the lease or closing the session),
     * stops watches. Idempotent; bounded by the request timeout.
     */
    @Override
    void close();
}
