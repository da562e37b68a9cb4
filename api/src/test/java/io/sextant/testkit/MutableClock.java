package io.sextant.testkit;

import io.sextant.internal.Ticker;
import java.util.concurrent.atomic.AtomicLong;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand, with a monotonic {@link #ticker()} that moves with it: {@link #advance}
 * moves both (time passes), {@link #stepWallClock} only the wall clock (an NTP step or a manual reset).
 */
public final class MutableClock extends Clock {
    private volatile Instant now;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** Time passes: wall clock and ticker move by {@code d}. */
    public void advance(Duration d) {
        now = now.plus(d);
        nanos.addAndGet(d.toNanos());
    }

    /** The wall clock jumps by {@code d} (may be negative); no time passes on the ticker. */
    public void stepWallClock(Duration d) {
        now = now.plus(d);
    }

    /** The monotonic time source that moves with {@link #advance}. */
    public Ticker ticker() {
        return nanos::get;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
