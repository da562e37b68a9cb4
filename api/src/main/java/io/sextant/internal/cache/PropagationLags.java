package io.sextant.internal.cache;

import io.sextant.InstanceSetChange;
import io.sextant.ServiceInstance;
import io.sextant.internal.Ticker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The propagation lags of a published change: from each new registration's {@code registeredAt} to
 * now, clamped at 0. Only instances new to the cache count. Those of its first read were registered
 * before it watched, and an instance it removed in the last {@link #RECENT} is one coming back (a
 * record re-created after a lost session or repaired by its supervisor keeps its first
 * {@code registeredAt}): their ages are not lags. Used on the cache's applier only.
 */
final class PropagationLags {
    static final Duration RECENT = Duration.ofMinutes(5);

    private final Ticker ticker;
    /** Ids removed in the last {@link #RECENT}, oldest first, with the ticker time of the removal. */
    private final LinkedHashMap<String, Long> removed = new LinkedHashMap<>();

    PropagationLags(Ticker ticker) {
        this.ticker = ticker;
    }

    /** The lags of {@code change}'s added instances that are new; none for the first read's publication. */
    List<Duration> of(InstanceSetChange change, Instant now, boolean firstRead) {
        long t = ticker.read();
        forgetOlderThan(t - RECENT.toNanos());
        List<Duration> lags = new ArrayList<>(firstRead ? 0 : change.added().size());
        for (ServiceInstance i : change.added()) {
            if (removed.remove(i.id()) == null && !firstRead) {
                Duration lag = Duration.between(i.registeredAt(), now);
                lags.add(lag.isNegative() ? Duration.ZERO : lag);
            }
        }
        for (ServiceInstance i : change.removed()) {
            removed.remove(i.id()); // re-inserted at the tail: the map stays in removal order
            removed.put(i.id(), t);
        }
        return lags;
    }

    private void forgetOlderThan(long cutoff) {
        for (Iterator<Map.Entry<String, Long>> it = removed.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() - cutoff >= 0) {
                return;
            }
            it.remove();
        }
    }

    /** Ids remembered as recently removed (tests). */
    int remembered() {
        return removed.size();
    }
}
