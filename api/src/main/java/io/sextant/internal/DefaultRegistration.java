package io.sextant.internal;

import io.sextant.spi.support.RecordCodec;

import io.sextant.spi.support.Checks;

import io.sextant.Registration;
import io.sextant.ServiceInstance;
import io.sextant.internal.supervisor.SupervisedRecord;
import io.sextant.spi.EphemeralHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** A live registration: local data first, then the backend; deleted at once on close. */
final class DefaultRegistration implements Registration, SupervisedRecord {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRegistration.class);

    private final String key;
    private final EphemeralHandle handle;
    private final Duration requestTimeout;
    private final Consumer<DefaultRegistration> onClose;
    private final Consumer<DefaultRegistration> onDeleted;
    private final Runnable onWriteFailed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ServiceInstance instance;
    private volatile byte[] data;

    DefaultRegistration(ServiceInstance instance, byte[] data, EphemeralHandle handle, Duration requestTimeout,
                        Consumer<DefaultRegistration> onClose, Consumer<DefaultRegistration> onDeleted,
                        Runnable onWriteFailed) {
        this.key = handle.key();
        this.instance = instance;
        this.data = data;
        this.handle = handle;
        this.requestTimeout = requestTimeout;
        this.onClose = onClose;
        this.onDeleted = onDeleted;
        this.onWriteFailed = onWriteFailed;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public ServiceInstance instance() {
        return instance;
    }

    @Override
    public byte[] data() {
        return data;
    }

    @Override
    public EphemeralHandle handle() {
        return handle;
    }

    @Override
    public synchronized CompletableFuture<Void> rewrite() {
        return handle.update(data);
    }

    @Override
    public CompletableFuture<Void> update(ServiceInstance updated) {
        Checks.notNull("updated", updated);
        return update(current -> updated);
    }

    @Override
    public CompletableFuture<Void> update(UnaryOperator<ServiceInstance> change) {
        Checks.notNull("change", change);
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("registration " + key + " is closed"));
        }
        CompletableFuture<Void> written;
        synchronized (this) {
            ServiceInstance updated = change.apply(instance);
            if (updated == null) {
                throw new IllegalArgumentException("the update of " + key + " returned null");
            }
            if (!updated.service().equals(instance.service()) || !updated.id().equals(instance.id())) {
                throw new IllegalArgumentException("updated must keep service '" + instance.service() + "' and id '"
                        + instance.id() + "', got '" + updated.service() + "/" + updated.id() + "'");
            }
            byte[] bytes = RecordCodec.encode(updated);
            instance = updated;
            data = bytes;
            written = handle.update(bytes);
        }
        // A failed write is not left to the next periodic check: the supervisor verifies now and keeps
        // retrying with back-off until the backend has the latest data.
        return written.whenComplete((v, e) -> {
            if (e != null && !closed.get()) {
                onWriteFailed.run();
            }
        });
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<Void> deleted = delete();
        try {
            deleted.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onDeleted.accept(this);
        } catch (Exception e) {
            LOG.warn("deregistering {} failed; the record goes with the lease or session: {}", key, e.toString());
            onDeleted.accept(this); // a delete that hangs must not keep the id reserved
        }
    }

    /** Deletes without waiting (registry close deletes all at once). */
    CompletableFuture<Void> closeAsync() {
        if (!closed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return delete();
    }

    /**
     * Stops supervision, then deletes; {@code onDeleted} runs once the delete is done, so the id is not
     * free for a new registration whose record this delete could still remove.
     */
    private CompletableFuture<Void> delete() {
        onClose.accept(this);
        CompletableFuture<Void> deleted;
        try {
            deleted = handle.delete();
        } catch (RuntimeException e) {
            deleted = CompletableFuture.failedFuture(e);
        }
        deleted.whenComplete((v, e) -> onDeleted.accept(this));
        return deleted;
    }

    @Override
    public String toString() {
        return "Registration{" + key + "}";
    }
}
