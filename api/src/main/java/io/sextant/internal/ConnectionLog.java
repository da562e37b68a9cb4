package io.sextant.internal;

import io.sextant.spi.ConnectionState;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The registry's log of backend connection changes: one INFO line per change, naming the backend, the
 * states and how long the previous one lasted. A flapping connection does not flood the log: after
 * {@link #BURST} lines in a {@link #WINDOW} further changes are only counted, and one summary line at
 * the window's end tells how many were not logged, into which states, and the state now.
 */
final class ConnectionLog {
    static final int BURST = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Where lines go: SLF4J's {@code Logger::info} in production. */
    @FunctionalInterface
    interface Sink {
        void info(String format, Object... args);
    }

    /** Runs a task once after a delay (the registry's scheduler; a test runs it by hand). */
    @FunctionalInterface
    interface Delay {
        void schedule(Runnable task, long delayNanos);
    }

    private final String backend;
    private final Ticker ticker;
    private final Sink sink;
    private final Delay delay;
    private final Map<ConnectionState, Integer> suppressedInto = new EnumMap<>(ConnectionState.class);
    private long windowStart;
    private int logged;
    private int suppressed;
    private boolean summaryScheduled;
    private ConnectionState state;
    private long since;

    ConnectionLog(String backend, ConnectionState initial, Ticker ticker, Sink sink, Delay delay) {
        this.backend = backend;
        this.ticker = ticker;
        this.sink = sink;
        this.delay = delay;
        this.state = initial;
        this.since = ticker.read();
        this.windowStart = since;
    }

    synchronized void changed(ConnectionState previous, ConnectionState current) {
        long now = ticker.read();
        long lastedMs = (now - since) / 1_000_000;
        state = current;
        since = now;
        if (now - windowStart >= WINDOW.toNanos() && suppressed == 0) {
            windowStart = now;
            logged = 0;
        }
        if (logged < BURST) {
            logged++;
            sink.info("backend {} connection {} -> {} ({} for {} ms)", backend, previous, current, previous, lastedMs);
            return;
        }
        suppressed++;
        suppressedInto.merge(current, 1, Integer::sum);
        if (!summaryScheduled) {
            summaryScheduled = true;
            delay.schedule(this::summarize, Math.max(0, windowStart + WINDOW.toNanos() - now));
        }
    }

    /** Logs what was suppressed in the window that ends now, and starts a new window. */
    synchronized void summarize() {
        summaryScheduled = false;
        long now = ticker.read();
        if (suppressed > 0) {
            StringJoiner into = new StringJoiner(", ");
            suppressedInto.forEach((s, n) -> into.add(n + " " + s));
            sink.info("backend {} connection flapping: {} more changes not logged in the last {} s (into {}); now {}"
                    + " for {} ms", backend, suppressed, (now - windowStart) / 1_000_000_000L, into, state,
                    (now - since) / 1_000_000);
        }
        suppressed = 0;
        suppressedInto.clear();
        windowStart = now;
        logged = 0;
    }
}
