package io.sextant.balancer.internal;

import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceSet;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.InstanceLoad;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Slow start, a decorator for any weighted or load-aware strategy (as in Envoy's and HAProxy's
 * slow start): an instance first seen less than a window ago gets a fraction of its weight,
 * age / window but at least {@link #MIN_FACTOR}, so it is not flooded on arrival. The inner picker
 * is rebuilt in {@link #STEPS} steps over the window, on the rebuild executor, the first pick after
 * a step is due noticing it; once nobody ramps, picks read no clock. Instances of the balancer's
 * first snapshot count as long known.
 */
final class SlowStartStrategy implements Strategy {
    static final double MIN_FACTOR = 0.1;
    static final int STEPS = 10;

    private final Strategy inner;
    private final long windowNanos;
    private final LongSupplier ticker;
    private final Executor executor;

    SlowStartStrategy(Strategy inner, BalancerOptions options) {
        this.inner = inner;
        this.windowNanos = options.slowStartWindow().toNanos();
        this.ticker = options.ticker();
        this.executor = options.rebuildExecutor();
    }

    @Override
    public boolean isWeightAware() {
        return true;
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        RampingPicker p = new RampingPicker(candidates);
        p.step();
        return p;
    }

    /** The effective weight factor of an instance {@code ageNanos} old. */
    double factor(long ageNanos) {
        return ageNanos >= windowNanos ? 1.0 : Math.max(MIN_FACTOR, (double) ageNanos / windowNanos);
    }

    private final class RampingPicker implements Picker {
        private final Candidates candidates;
        private final AtomicBoolean stepping = new AtomicBoolean();
        private volatile Picker current;
        private volatile long nextStepNanos;

        RampingPicker(Candidates candidates) {
            this.candidates = candidates;
        }

        void step() {
            synchronized (SlowStartStrategy.this) { // the inner strategy builds one picker at a time
                long now = ticker.getAsLong();
                int[] weights = new int[candidates.size()];
                boolean ramping = false;
                for (int i = 0; i < weights.length; i++) {
                    long first = candidates.load(i).firstSeenNanos();
                    double f = first == Long.MIN_VALUE ? 1.0 : factor(now - first);
                    ramping |= f < 1.0;
                    weights[i] = (int) Math.max(1, Math.round(candidates.weight(i) * f));
                }
                current = inner.newPicker(ramping ? new Reweighted(candidates, weights) : candidates);
                nextStepNanos = ramping ? now + Math.max(1, windowNanos / STEPS) : Long.MAX_VALUE;
            }
        }

        @Override
        public ServiceInstance pick(PickContext context) {
            long due = nextStepNanos;
            if (due != Long.MAX_VALUE && ticker.getAsLong() - due >= 0 && stepping.compareAndSet(false, true)) {
                Runnable task = () -> {
                    try {
                        step();
                    } finally {
                        stepping.set(false);
                    }
                };
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException e) {
                    stepping.set(false);
                }
            }
            return current.pick(context);
        }
    }

    private static final class Reweighted implements Candidates {
        private final Candidates base;
        private final int[] weights;

        Reweighted(Candidates base, int[] weights) {
            this.base = base;
            this.weights = weights;
        }

        @Override
        public InstanceSet set() {
            return base.set();
        }

        @Override
        public int size() {
            return base.size();
        }

        @Override
        public ServiceInstance get(int index) {
            return base.get(index);
        }

        @Override
        public int weight(int index) {
            return weights[index];
        }

        @Override
        public InstanceLoad load(int index) {
            return base.load(index);
        }

        @Override
        public int totalInFlight() {
            return base.totalInFlight();
        }

        @Override
        public long recentNanos() {
            return base.recentNanos();
        }

        @Override
        public double typicalLatencyNanos() {
            return base.typicalLatencyNanos();
        }

        @Override
        public boolean panic() {
            return base.panic();
        }
    }
}
