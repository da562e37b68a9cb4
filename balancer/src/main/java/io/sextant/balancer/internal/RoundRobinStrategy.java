package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Round robin: one lock-free counter, kept across snapshots and handed to every picker, so a new
 * snapshot does not restart the rotation at the first instance. {@code floorMod} keeps the index
 * valid when the counter wraps past {@link Integer#MAX_VALUE}.
 */
final class RoundRobinStrategy implements Strategy {
    private final AtomicInteger next;

    RoundRobinStrategy() {
        this(0);
    }

    /** Test seam: a rotation starting at {@code start}. */
    RoundRobinStrategy(int start) {
        this.next = new AtomicInteger(start);
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        return new RoundRobinPicker(Pickers.instances(candidates), next);
    }

    private static final class RoundRobinPicker implements Picker {
        private final ServiceInstance[] instances;
        private final AtomicInteger next;

        RoundRobinPicker(ServiceInstance[] instances, AtomicInteger next) {
            this.instances = instances;
            this.next = next;
        }

        @Override
        public ServiceInstance pick(PickContext context) {
            return instances[Math.floorMod(next.getAndIncrement(), instances.length)];
        }
    }
}
