package io.sextant.cli.internal.demo;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.RetryableException;
import io.sextant.ServiceInstance;

import java.util.Map;

/**
 * Calls made with {@link Balancer#execute}: an attempt on an instance that fails calls throws a
 * {@link RetryableException} (a 503), and the balancer retries on another instance. Counts what happened.
 */
final class Traffic {
    private final Map<String, DemoInstance> instances;
    private long calls;
    private long succeeded;
    private long failed;
    private long retriedElsewhere;
    private long failedAttempts;

    Traffic(Map<String, DemoInstance> instances) {
        this.instances = instances;
    }

    /** Makes one call through {@code balancer}. */
    void call(Balancer balancer, PickContext context) {
        calls++;
        String[] first = new String[1];
        int[] attempts = new int[1];
        try {
            balancer.execute(context, (ServiceInstance i) -> {
                attempts[0]++;
                if (first[0] == null) {
                    first[0] = i.id();
                }
                DemoInstance d = instances.get(i.id());
                if (d != null && d.failsCalls()) {
                    failedAttempts++;
                    // an HTTP 503: the instance refused the call without acting on it, so it is safe to retry
                    throw new RetryableException("503 Service Unavailable from " + i.id());
                }
                return i.id();
            });
            succeeded++;
            if (attempts[0] > 1) {
                retriedElsewhere++;
            }
        } catch (RuntimeException e) {
            failed++;
        }
    }

    long calls() {
        return calls;
    }

    long succeeded() {
        return succeeded;
    }

    long failed() {
        return failed;
    }

    long retriedElsewhere() {
        return retriedElsewhere;
    }

    long failedAttempts() {
        return failedAttempts;
    }
}
