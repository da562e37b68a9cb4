package io.sextant.micrometer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.sextant.ServiceInstance;
import io.sextant.balancer.AsyncInstanceCall;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.InstanceCall;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.TrackedPick;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Balancer} that delegates every call and counts picks per instance (when on), retries of
 * {@link #execute} and {@link #executeAsync}, and watches the breaker of each instance it tracks a
 * call on.
 */
final class MeasuredBalancer implements Balancer {
    private final Balancer delegate;
    private final PickCounters picks; // null when picks are not counted
    private final BreakerWatcher breakers;
    private final Counter retries;

    MeasuredBalancer(Balancer delegate, PickCounters picks, BreakerWatcher breakers, Counter retries) {
        this.delegate = delegate;
        this.picks = picks;
        this.breakers = breakers;
        this.retries = retries;
    }

    @Override
    public String service() {
        return delegate.service();
    }

    @Override
    public String strategyName() {
        return delegate.strategyName();
    }

    @Override
    public ServiceInstance pick(PickContext context) {
        ServiceInstance i = delegate.pick(context);
        if (picks != null) {
            picks.count(i);
        }
        return i;
    }

    @Override
    public TrackedPick start(PickContext context) {
        TrackedPick t = delegate.start(context);
        tracked(t.instance());
        return t;
    }

    private void tracked(ServiceInstance i) {
        if (picks != null) {
            picks.count(i);
        }
        breakers.watch(i.id()); // the balancer made the breaker when it began tracking: no transition missed
    }

    @Override
    public <T, X extends Exception> T execute(PickContext context, InstanceCall<T, X> call) throws X {
        return delegate.execute(context, new Attempts<>(call));
    }

    @Override
    public <T> CompletionStage<T> executeAsync(PickContext context, AsyncInstanceCall<T> call) {
        AtomicInteger attempts = new AtomicInteger(); // retries run on the retry scheduler's thread
        return delegate.executeAsync(context, instance -> {
            if (attempts.getAndIncrement() > 0) {
                retries.increment();
            }
            tracked(instance);
            return call.call(instance);
        });
    }

    @Override
    public Optional<CircuitBreaker> circuitBreaker(String instanceId) {
        return delegate.circuitBreaker(instanceId);
    }

    @Override
    public boolean isPanicking() {
        return delegate.isPanicking();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "Measured" + delegate;
    }

    /** One execute: its attempts run one after another, so a plain count is enough. */
    private final class Attempts<T, X extends Exception> implements InstanceCall<T, X> {
        private final InstanceCall<T, X> call;
        private int attempts;

        Attempts(InstanceCall<T, X> call) {
            this.call = call;
        }

        @Override
        public T call(ServiceInstance instance) throws X {
            if (attempts++ > 0) {
                retries.increment();
            }
            tracked(instance);
            return call.call(instance);
        }
    }
}
