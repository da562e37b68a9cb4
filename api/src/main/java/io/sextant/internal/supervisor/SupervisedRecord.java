package io.sextant.internal.supervisor;

import io.sextant.ServiceInstance;
import io.sextant.spi.EphemeralHandle;

/** A live registration as the supervisor sees it. Implementations are thread-safe. */
public interface SupervisedRecord {

    /** The backend key. */
    String key();

    /** The current data. */
    ServiceInstance instance();

    /** The current data, encoded; what the backend should hold. */
    byte[] data();

    /** The backend handle keeping the key. */
    EphemeralHandle handle();

    /**
     * Writes the current data through the handle, ordered with the registration's own updates, so a
     * repair can never put older data over a newer update.
     */
    java.util.concurrent.CompletableFuture<Void> rewrite();
}
