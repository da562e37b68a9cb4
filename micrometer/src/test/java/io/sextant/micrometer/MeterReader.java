package io.sextant.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;

import java.util.concurrent.TimeUnit;

/** Reads meters by name and tags for assertions; {@code NaN} (or -1 for timers) when the meter is absent. */
final class MeterReader {
    private final MeterRegistry meters;

    MeterReader(MeterRegistry meters) {
        this.meters = meters;
    }

    private Search find(String name, String... tags) {
        return meters.find(name).tags(tags);
    }

    double counter(String name, String... tags) {
        Counter c = find(name, tags).counter();
        if (c != null) {
            return c.count();
        }
        FunctionCounter f = find(name, tags).functionCounter();
        return f == null ? Double.NaN : f.count();
    }

    /** The sum over every counter of that name matching the tags (e.g. picks over all instances). */
    double counterSum(String name, String... tags) {
        return find(name, tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    double gauge(String name, String... tags) {
        TimeGauge t = find(name, tags).timeGauge();
        if (t != null) {
            return t.value(TimeUnit.SECONDS);
        }
        Gauge g = find(name, tags).gauge();
        return g == null ? Double.NaN : g.value();
    }

    long timerCount(String name, String... tags) {
        Timer t = find(name, tags).timer();
        return t == null ? -1 : t.count();
    }

    /** Reads every meter, as a scrape does (gauges read the registry's health then). */
    void scrape() {
        for (Meter m : meters.getMeters()) {
            m.measure().forEach(ms -> ms.getValue());
        }
    }

    boolean hasAny(String prefix) {
        return meters.getMeters().stream().anyMatch(m -> m.getId().getName().startsWith(prefix));
    }
}
