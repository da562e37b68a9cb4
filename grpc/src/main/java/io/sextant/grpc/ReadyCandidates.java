package io.sextant.grpc;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.balancer.spi.Candidates;
import io.sextant.balancer.spi.InstanceLoad;

import java.util.ArrayList;
import java.util.List;

/**
 * The candidates a Sextant strategy picks from under gRPC: the instances whose subchannel is READY,
 * minus those whose breaker is open, unless too many would be left out (then all READY ones: panic
 * mode, as in the Sextant balancer).
 */
final class ReadyCandidates implements Candidates {
    private final InstanceSet set;
    private final Endpoint[] endpoints;
    private final ServiceInstance[] instances;
    private final LoadTable table;
    private final boolean panic;

    private ReadyCandidates(InstanceSet set, Endpoint[] endpoints, LoadTable table, boolean panic) {
        this.set = set;
        this.endpoints = endpoints;
        this.table = table;
        this.panic = panic;
        this.instances = new ServiceInstance[endpoints.length];
        for (int i = 0; i < endpoints.length; i++) {
            instances[i] = endpoints[i].instance;
        }
    }

    /** Selects from {@code ready} (READY endpoints of {@code service}); empty when none. */
    static ReadyCandidates select(String service, List<Endpoint> ready, LoadTable table, double maxEjectionShare,
                                  long revision) {
        List<Endpoint> kept = new ArrayList<>(ready.size());
        List<ServiceInstance> all = new ArrayList<>(ready.size());
        for (Endpoint e : ready) {
            all.add(e.instance);
            if (!e.load.isEjectable()) {
                kept.add(e);
            }
        }
        int ejected = ready.size() - kept.size();
        boolean panic = ejected > 0 && ejected > maxEjectionShare * ready.size();
        List<Endpoint> chosen = panic ? ready : kept;
        return new ReadyCandidates(InstanceSet.of(service, all, revision), chosen.toArray(new Endpoint[0]), table,
                panic);
    }

    Endpoint endpoint(int index) {
        return endpoints[index];
    }

    @Override
    public InstanceSet set() {
        return set;
    }

    @Override
    public int size() {
        return endpoints.length;
    }

    @Override
    public ServiceInstance get(int index) {
        return instances[index];
    }

    @Override
    public int weight(int index) {
        return Math.max(1, instances[index].weight());
    }

    @Override
    public InstanceLoad load(int index) {
        return endpoints[index].load;
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

    @Override
    public String toString() {
        return "ReadyCandidates{" + set.service() + " " + endpoints.length + " of " + set.size() + " ready"
                + (panic ? " PANIC" : "") + "}";
    }
}
