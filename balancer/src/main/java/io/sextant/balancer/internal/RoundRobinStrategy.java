package io.sextant.balancer.internal;

import io.sextant.balancer.PickContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;

/**
 * Round robin over a {@link StripedCounter}: kept across snapshots and handed to every picker, so a
 * new snapshot does not restart the rotation at the first instance; striped by thread, so threads
 * picking from one balancer do not contend on one counter; started at a random index per balancer,
 * so a fleet that restarts together does not send its first calls to one instance.
 * {@code floorMod} keeps the index valid when a counter wraps past {@link Integer#MAX_VALUE}.
 */
final class RoundRobinStrategy implements Strategy {
    private final StripedCounter next;

    /** A rotation starting at {@code start} (a random number in production). */
    RoundRobinStrategy(int start) {
        this.next = new StripedCounter(start);
    }

    /** The stripe of the thread with id {@code threadId}: threads of different stripes rotate independently. */
    static int stripe(long threadId) {
        return StripedCounter.stripe(threadId);
    }

    @Override
    public Picker newPicker(Candidates candidates) {
        return new RoundRobinPicker(Pickers.instances(candidates), next);
    }

    private static final class RoundRobinPicker implements Picker {
        private final ServiceInstance[] instances;
        private final StripedCounter next;

        RoundRobinPicker(ServiceInstance[] instances, StripedCounter next) {
            this.instances = instances;
            this.next = next;
        }

        @Override
        public ServiceInstance pick(PickContext context) {
            return instances[Math.floorMod(next.getAndIncrement(), instances.length)];
        }
    }
}
