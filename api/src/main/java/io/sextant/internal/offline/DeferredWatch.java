package io.sextant.internal.offline;

import io.sextant.spi.Backend;
import io.sextant.spi.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A watch asked for before the backend could be reached: opened on the real backend when it appears. */
final class DeferredWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredWatch.class);

    private final String prefix;
    private final WatchListener listener;
    private AutoCloseable real; // guarded by this
    private boolean closed; // guarded by this

    DeferredWatch(String prefix, WatchListener listener) {
        this.prefix = prefix;
        this.listener = listener;
    }

    void bind(Backend backend) {
        synchronized (this) {
            if (closed || real != null) {
                return;
            }
            real = backend.watch(prefix, listener);
        }
    }

    @Override
    public void close() {
        AutoCloseable r;
        synchronized (this) {
            closed = true;
            r = real;
        }
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing the watch of {} failed", prefix, e);
            }
        }
    }
}
