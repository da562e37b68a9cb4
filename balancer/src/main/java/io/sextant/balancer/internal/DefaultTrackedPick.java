package io.sextant.balancer.internal;

import io.sextant.ServiceInstance;
import io.sextant.balancer.TrackedPick;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A started call on one instance; the first outcome is recorded, later ones ignored. It may hold
 * its instance breaker's permission (a HALF_OPEN breaker's trial slot): an outcome consumes it,
 * a {@link #close()} before any outcome gives it back.
 */
final class DefaultTrackedPick implements TrackedPick {
    private final ServiceInstance instance;
    private final InstanceStats stats;
    private final LongSupplier ticker;
    private final long startNanos;
    private final boolean permitted;
    private final AtomicBoolean done = new AtomicBoolean();

    /**
     * @param permitted whether the breaker's permission was acquired for this call (not in panic mode,
     *     nor when every candidate refused)
     */
    DefaultTrackedPick(ServiceInstance instance, InstanceStats stats, LongSupplier ticker, boolean permitted) {
        this.instance = instance;
        this.stats = stats;
        this.ticker = ticker;
        this.permitted = permitted;
        this.startNanos = ticker.getAsLong();
        stats.started(startNanos);
    }

    @Override
    public ServiceInstance instance() {
        return instance;
    }

    @Override
    public void success() {
        long now = ticker.getAsLong();
        finish(now, now - startNanos, null);
    }

    @Override
    public void success(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be a non-negative duration, got " + latency);
        }
        finish(ticker.getAsLong(), latency.toNanos(), null);
    }

    @Override
    public void failure(Throwable error) {
        long now = ticker.getAsLong();
        finish(now, now - startNanos, error == null ? new IllegalStateException("unknown failure") : error);
    }

    @Override
    public void close() {
        if (done.compareAndSet(false, true)) {
            stats.cancelled(permitted);
        }
    }

    private void finish(long now, long latencyNanos, Throwable error) {
        if (done.compareAndSet(false, true)) {
            stats.finished(now, Math.max(0, latencyNanos), error);
        }
    }

    @Override
    public String toString() {
        return "TrackedPick{" + instance.id() + (done.get() ? " done" : " in flight") + "}";
    }
}
