package io.sextant;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A live registration of one instance, kept present in the backend until {@link #close()}.
 *
 * <p>The registry's supervisor owns the record: after a lost lease or an expired session it puts the
 * <em>current</em> data back (including changes made while the backend was unreachable), and it
 * periodically checks that the record still exists with that data.
 *
 * <p>Thread-safe. Updates are applied in call order.
 */
public interface Registration extends AutoCloseable {

    /** The instance as last updated (the data the supervisor keeps in the backend). */
    ServiceInstance instance();

    /**
     * Replaces the registered data. The service and id may not change.
     *
     * @return completes when the backend has the new data; the local data is updated at once, so if
     *     the backend is unreachable the supervisor writes it when it can
     * @throws IllegalArgumentException when the service or id differ
     */
    CompletableFuture<Void> update(ServiceInstance updated);

    /**
     * Applies {@code change} to the latest data and registers the result, atomically with respect to
     * every other update of this registration: two threads updating different fields at once both
     * take effect. {@code change} runs under the registration's lock: keep it short, and do not call
     * back into this registration from it.
     *
     * @return completes when the backend has the new data (see {@link #update(ServiceInstance)})
     * @throws IllegalArgumentException when the result changes the service or id, or is {@code null}
     */
    CompletableFuture<Void> update(UnaryOperator<ServiceInstance> change);

    /** Sets the weight (0..10000), keeping every other field as it is at that moment. */
    default CompletableFuture<Void> updateWeight(int weight) {
        return update(i -> i.toBuilder().weight(weight).build());
    }

    /** Sets the status, keeping every other field as it is at that moment. */
    default CompletableFuture<Void> updateStatus(InstanceStatus status) {
        return update(i -> i.toBuilder().status(status).build());
    }

    /** Replaces the metadata, keeping every other field as it is at that moment. */
    default CompletableFuture<Void> updateMetadata(Map<String, String> metadata) {
        return update(i -> i.toBuilder().metadata(metadata).build());
    }

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /**
     * Deregisters: the record is deleted from the backend at once and no longer supervised.
     * Idempotent. Blocks up to the request timeout; failures are logged, and the ephemeral record
     * then disappears with the lease or session.
     */
    @Override
    void close();
}
