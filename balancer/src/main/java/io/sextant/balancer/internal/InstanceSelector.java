package io.sextant.balancer.internal;

import io.sextant.ServiceInstance;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.spi.Picker;

import java.util.Set;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Turns the picker's choice into the instance a call goes to, honouring circuit breakers that the
 * picker does not see between builds:
 *
 * <ul>
 *   <li>a tracked pick asks the instance's breaker for permission ({@code tryAcquirePermission}), so a
 *       HALF_OPEN breaker admits only its permitted trial calls and a breaker opened since the build
 *       admits none; a refused choice is re-picked, then the candidates are walked from a random
 *       spot. The permission travels with the {@link DefaultTrackedPick}, which gives it back when
 *       it is closed unfinished;</li>
 *   <li>an untracked pick reports no outcome, so it must not spend a trial slot: it avoids
 *       candidates whose breaker was HALF_OPEN at the build, when there are others;</li>
 *   <li>retries avoid the instances already tried, when there are others.</li>
 * </ul>
 *
 * In panic mode breakers are ignored. When every candidate refuses, the call still goes to the
 * picker's choice, without permission, as in panic mode: the service stays reachable.
 */
final class InstanceSelector {
    private static final int REPICKS = 2;

    private final StatsTable stats;
    private final RandomGenerator random;
    private final LongSupplier ticker;

    InstanceSelector(StatsTable stats, BalancerOptions options) {
        this.stats = stats;
        this.random = options.random();
        this.ticker = options.ticker();
    }

    /** An untracked pick: {@code picker}'s choice, kept off instances on trial when possible. */
    ServiceInstance untracked(BalancerState s, PickContext context) {
        Picker p = s.picker();
        ServiceInstance first = p.pick(context);
        EligibleCandidates c = s.candidates();
        if (!c.hasTrials() || !c.isOnTrial(first)) {
            return first;
        }
        for (int k = 0; k < REPICKS; k++) {
            ServiceInstance again = p.pick(context);
            if (!c.isOnTrial(again)) {
                return again;
            }
        }
        int n = c.size();
        int from = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            ServiceInstance other = c.get((from + i) % n);
            if (!c.isOnTrial(other)) {
                return other;
            }
        }
        return first;
    }

    /**
     * A tracked pick whose instance's breaker permitted the call, avoiding the ids in {@code tried}
     * (null: none) when another candidate permits.
     */
    DefaultTrackedPick tracked(BalancerState s, PickContext context, Set<String> tried) {
        Picker p = s.picker();
        EligibleCandidates c = s.candidates();
        ServiceInstance first = p.pick(context);
        if (c.panic()) {
            return start(untried(c, first, tried), false);
        }
        ServiceInstance choice = first;
        for (int k = 0; k <= REPICKS; k++) {
            if (tried == null || !tried.contains(choice.id())) {
                DefaultTrackedPick t = tryStart(choice);
                if (t != null) {
                    return t;
                }
            }
            choice = p.pick(context);
        }
        // Deterministic strategies (hashing, sticky) keep choosing the same instance: walk from a random spot.
        int n = c.size();
        int from = random.nextInt(n);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                ServiceInstance other = c.get((from + i) % n);
                if (pass == 1 || tried == null || !tried.contains(other.id())) {
                    DefaultTrackedPick t = tryStart(other);
                    if (t != null) {
                        return t;
                    }
                }
            }
            if (tried == null) {
                break;
            }
        }
        return start(untried(c, first, tried), false); // every candidate refuses: as in panic mode
    }

    private DefaultTrackedPick tryStart(ServiceInstance instance) {
        InstanceStats st = stats.obtain(instance.id(), ticker.getAsLong(), false);
        return st.breaker.tryAcquirePermission() ? new DefaultTrackedPick(instance, st, ticker, true) : null;
    }

    private DefaultTrackedPick start(ServiceInstance instance, boolean permitted) {
        InstanceStats st = stats.obtain(instance.id(), ticker.getAsLong(), false);
        return new DefaultTrackedPick(instance, st, ticker, permitted);
    }

    /** {@code first}, or when it was tried, a candidate not tried yet (from a random spot), if any. */
    private ServiceInstance untried(EligibleCandidates c, ServiceInstance first, Set<String> tried) {
        if (tried == null || !tried.contains(first.id())) {
            return first;
        }
        int n = c.size();
        int from = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            ServiceInstance other = c.get((from + i) % n);
            if (!tried.contains(other.id())) {
                return other;
            }
        }
        return first;
    }
}
