package io.sextant.balancer.internal;

import io.sextant.balancer.BalancerOptions;
import io.sextant.InstanceSet;
import io.sextant.InstanceStatus;
import io.sextant.ServiceInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Instances, sets and candidates for strategy tests. */
final class Fixtures {
    static final String SERVICE = "orders";
    private static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {
    }

    static ServiceInstance instance(String id) {
        return instance(id, ServiceInstance.DEFAULT_WEIGHT);
    }

    static ServiceInstance instance(String id, int weight) {
        return ServiceInstance.builder(SERVICE).id(id).host("10.0.0.1").port(8080).weight(weight)
                .registeredAt(REGISTERED).build();
    }

    static ServiceInstance instance(String id, String zone, InstanceStatus status) {
        return ServiceInstance.builder(SERVICE).id(id).host("10.0.0.1").port(8080).zone(zone).status(status)
                .registeredAt(REGISTERED).build();
    }

    /** {@code n} instances with ids i-0 .. i-(n-1). */
    static List<ServiceInstance> instances(int n) {
        return instances("i-", 0, n);
    }

    static List<ServiceInstance> instances(String prefix, int from, int to) {
        List<ServiceInstance> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(instance(prefix + i));
        }
        return out;
    }

    static InstanceSet set(List<ServiceInstance> instances) {
        return InstanceSet.of(SERVICE, instances, 1);
    }

    /** Candidates over {@code instances} in exactly the given order, with fresh state. */
    static EligibleCandidates candidates(List<ServiceInstance> instances) {
        return EligibleCandidates.of(set(instances), instances.toArray(new ServiceInstance[0]), table());
    }

    /** Candidates over {@code instances} sharing {@code table}'s state. */
    static EligibleCandidates candidates(List<ServiceInstance> instances, StatsTable table) {
        return EligibleCandidates.of(set(instances), instances.toArray(new ServiceInstance[0]), table);
    }

    /** Candidates in a shuffled order. */
    static EligibleCandidates shuffled(List<ServiceInstance> instances, long seed) {
        List<ServiceInstance> copy = new ArrayList<>(instances);
        Collections.shuffle(copy, new Random(seed));
        return candidates(copy);
    }

    static StatsTable table() {
        return new StatsTable(SERVICE, BalancerOptions.DEFAULT, () -> { });
    }

    static StatsTable table(BalancerOptions options) {
        return new StatsTable(SERVICE, options, () -> { });
    }

    /** A seeded, thread-safe generator. */
    static RandomGenerator random(long seed) {
        return new Random(seed);
    }

    static SplittableRandom keys(long seed) {
        return new SplittableRandom(seed);
    }
}
