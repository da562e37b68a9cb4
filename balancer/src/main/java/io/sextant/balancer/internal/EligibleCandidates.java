package io.sextant.balancer.internal;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.InstanceLoad;

/** The pickable, non-ejected instances of one snapshot, with their live state resolved once. */
final class EligibleCandidates implements Candidates {
    private final InstanceSet set;
    private final ServiceInstance[] instances;
    private final int[] weights;
    private final InstanceStats[] stats;
    private final StatsTable table;
    private final boolean panic;
    /** Candidates whose breaker was HALF_OPEN at the build: untracked picks avoid them. */
    private final String[] trials;

    private EligibleCandidates(InstanceSet set, ServiceInstance[] instances, int[] weights, InstanceStats[] stats,
                               StatsTable table, boolean panic) {
        this.set = set;
        this.instances = instances;
        this.weights = weights;
        this.stats = stats;
        this.table = table;
        this.panic = panic;
        this.trials = panic ? new String[0] : trials(instances, stats);
    }

    private static String[] trials(ServiceInstance[] instances, InstanceStats[] stats) {
        String[] out = new String[instances.length];
        int count = 0;
        for (int i = 0; i < instances.length; i++) {
            if (stats[i].isOnTrial()) { // read once: breakers change state concurrently
                out[count++] = instances[i].id();
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * Selects the candidates of {@code set}: pickable instances whose breaker is not open, unless
     * more than {@code maxEjectionShare} of them would be ejected (then all pickable ones: panic).
     *
     * @param warm whether instances first seen now count as long known (the balancer's first set)
     */
    static EligibleCandidates select(InstanceSet set, StatsTable table, double maxEjectionShare, long now, boolean warm) {
        int n = set.size();
        ServiceInstance[] pickable = new ServiceInstance[n];
        InstanceStats[] pickableStats = new InstanceStats[n];
        boolean[] ejected = new boolean[n];
        int count = 0;
        int ejectedCount = 0;
        for (int i = 0; i < n; i++) {
            ServiceInstance inst = set.get(i);
            if (!inst.isPickable()) {
                continue;
            }
            InstanceStats s = table.obtain(inst.id(), now, warm);
            pickable[count] = inst;
            pickableStats[count] = s;
            if (s.isEjectable()) {
                ejected[count] = true;
                ejectedCount++;
            }
            count++;
        }
        boolean panic = ejectedCount > 0 && ejectedCount > maxEjectionShare * count;
        int kept = panic ? count : count - ejectedCount;
        ServiceInstance[] out = new ServiceInstance[kept];
        InstanceStats[] outStats = new InstanceStats[kept];
        int[] weights = new int[kept];
        int j = 0;
        for (int i = 0; i < count; i++) {
            if (panic || !ejected[i]) {
                out[j] = pickable[i];
                outStats[j] = pickableStats[i];
                weights[j] = pickable[i].weight();
                j++;
            }
        }
        return new EligibleCandidates(set, out, weights, outStats, table, panic);
    }

    /** Test and benchmark seam: candidates in exactly the given order, none ejected. */
    static EligibleCandidates of(InstanceSet set, ServiceInstance[] order, StatsTable table) {
        InstanceStats[] s = new InstanceStats[order.length];
        int[] w = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            s[i] = table.obtain(order[i].id(), 0, true);
            w[i] = order[i].weight();
        }
        return new EligibleCandidates(set, order.clone(), w, s, table, false);
    }

    @Override
    public InstanceSet set() {
        return set;
    }

    @Override
    public int size() {
        return instances.length;
    }

    @Override
    public ServiceInstance get(int index) {
        return instances[index];
    }

    @Override
    public int weight(int index) {
        return weights[index];
    }

    @Override
    public InstanceLoad load(int index) {
        return stats[index];
    }

    @Override
    public int totalInFlight() {
        return table.totalInFlight();
    }

    @Override
    public long recentNanos() {
        return table.recentNanos();
    }

    @Override
    public double typicalLatencyNanos() {
        return table.typicalLatencyNanos();
    }

    @Override
    public boolean panic() {
        return panic;
    }

    /** Whether some candidate's breaker was HALF_OPEN when these candidates were selected. */
    boolean hasTrials() {
        return trials.length > 0;
    }

    /** Whether {@code instance}'s breaker was HALF_OPEN when these candidates were selected. */
    boolean isOnTrial(ServiceInstance instance) {
        for (String id : trials) {
            if (id.equals(instance.id())) {
                return true;
            }
        }
        return false;
    }

    /** The live state of the candidate at {@code index}. */
    InstanceStats stats(int index) {
        return stats[index];
    }

    @Override
    public String toString() {
        return "Candidates{" + set.service() + " " + instances.length + " of " + set.size()
                + (panic ? " PANIC" : "") + "}";
    }
}
