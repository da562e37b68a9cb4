package io.sextant.cli.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When a long-running command should stop: on SIGINT (Ctrl-C) or SIGTERM for the real process, or
 * when a test's latch is counted down. The signal handlers are installed by {@link #arm()} only, so
 * short commands keep the JVM's default behaviour. A handled signal lets the command clean up
 * (deregister) and exit with its own code, instead of the JVM's 130/143.
 */
public final class Shutdown {
    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    private final CountDownLatch latch;
    private final boolean useSignals;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile String reason = "stopped";

    private Shutdown(CountDownLatch latch, boolean useSignals) {
        this.latch = latch;
        this.useSignals = useSignals;
    }

    /** Stops on SIGINT or SIGTERM once {@linkplain #arm() armed}. */
    public static Shutdown onSignals() {
        return new Shutdown(new CountDownLatch(1), true);
    }

    /** Stops when {@code latch} reaches zero; no signal handlers. */
    public static Shutdown of(CountDownLatch latch) {
        return new Shutdown(latch, false);
    }

    /** Installs the signal handlers (once). */
    public void arm() {
        if (!useSignals || !armed.compareAndSet(false, true)) {
            return;
        }
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> trigger("SIG" + s.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                log.debug("Cannot handle SIG{}; the JVM default applies", name, e);
            }
        }
    }

    /** Stops whoever waits. */
    public void trigger(String why) {
        reason = why;
        latch.countDown();
    }

    /** Whether a stop was requested. */
    public boolean isTriggered() {
        return latch.getCount() == 0;
    }

    /** What requested the stop, such as {@code SIGTERM}. */
    public String reason() {
        return reason;
    }

    /**
     * Waits until a stop is requested or {@code max} passes ({@code null}: no limit).
     *
     * @return whether a stop was requested
     */
    public boolean await(Duration max) {
        try {
            if (max == null) {
                latch.await();
                return true;
            }
            return latch.await(Math.max(0, max.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
