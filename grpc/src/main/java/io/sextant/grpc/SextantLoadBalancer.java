package io.sextant.grpc;

import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.Status;
import io.sextant.ServiceInstance;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.spi.Picker;
import io.sextant.balancer.spi.Strategy;
import io.sextant.balancer.spi.StrategyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sextant} policy. One subchannel per resolved instance (keyed by instance id and
 * addresses), connected eagerly and reconnected when it goes IDLE; a new picker is built whenever the
 * set of READY subchannels, an instance's data or a breaker changes, and handed to the channel with
 * {@link Helper#updateBalancingState}. Everything here runs in the channel's synchronization context;
 * breaker transitions (on RPC threads) are handed over to it.
 *
 * <p>Overall state: READY when any subchannel is; otherwise CONNECTING while any subchannel is
 * connecting for the first time since it was last READY; otherwise TRANSIENT_FAILURE with the last
 * connection error (a failing subchannel that retries does not flip the channel back to CONNECTING).
 */
final class SextantLoadBalancer extends LoadBalancer {
    private static final Logger log = LoggerFactory.getLogger(SextantLoadBalancer.class);

    private final Helper helper;
    private final BalancerOptions options;
    private final StrategyRegistry strategies;
    private final LoadTable loads;
    private final Map<Key, Endpoint> endpoints = new LinkedHashMap<>();
    private SextantPolicyConfig config = SextantPolicyConfig.DEFAULT;
    private Strategy strategy;
    private String strategyName;
    private String service;
    private long revision;
    private boolean shutdown;
    private ConnectivityState reportedState;
    private List<Object> reportedPicture = List.of();

    SextantLoadBalancer(Helper helper, BalancerOptions options, StrategyRegistry strategies) {
        this.helper = helper;
        this.options = options;
        this.strategies = strategies;
        this.service = Instances.serviceName(helper.getAuthority());
        this.loads = new LoadTable(service, options, this::breakerChanged, helper.getScheduledExecutorService());
    }

    /** An endpoint's identity: a changed address is a new endpoint, a changed weight is not. */
    private record Key(String id, List<SocketAddress> addresses) {
    }

    @Override
    public Status acceptResolvedAddresses(ResolvedAddresses resolved) {
        if (shutdown) {
            return Status.OK;
        }
        Object c = resolved.getLoadBalancingPolicyConfig();
        SextantPolicyConfig next = c instanceof SextantPolicyConfig p ? p : SextantPolicyConfig.DEFAULT;
        if (strategy == null || !next.strategy().equals(strategyName)) {
            try {
                strategy = strategies.provider(next.strategy()).newStrategy(options);
            } catch (RuntimeException e) { // a strategy registry other than the one the config was checked against
                Status bad = Status.UNAVAILABLE.withCause(e).withDescription("sextant policy for '" + service
                        + "': cannot use strategy '" + next.strategy() + "': " + e.getMessage());
                if (strategy == null) {
                    report(ConnectivityState.TRANSIENT_FAILURE, new FixedResultPicker(PickResult.withError(bad)),
                            List.of());
                }
                return bad;
            }
            strategyName = next.strategy();
            log.debug("sextant policy for '{}' uses strategy '{}'", service, strategyName);
        }
        if (!next.equals(config)) {
            reportedPicture = List.of(); // a new strategy, header or zone: the next picker must be rebuilt
        }
        config = next;
        String named = resolved.getAttributes().get(SextantAttributes.SERVICE);
        if (named != null) {
            service = named;
        }
        List<EquivalentAddressGroup> groups = resolved.getAddresses();
        if (groups.isEmpty()) {
            Status none = Status.UNAVAILABLE.withCause(new NoInstanceAvailableException(service, 0))
                    .withDescription("no address resolved for service '" + service + "'");
            dropAll(none);
            return none;
        }
        Map<Key, ServiceInstance> wanted = new LinkedHashMap<>();
        for (EquivalentAddressGroup g : groups) {
            ServiceInstance instance = Instances.of(g, service);
            wanted.putIfAbsent(new Key(instance.id(), g.getAddresses()), instance);
        }
        Set<String> ids = new HashSet<>();
        List<Endpoint> added = new ArrayList<>();
        for (Map.Entry<Key, ServiceInstance> w : wanted.entrySet()) {
            ids.add(w.getKey().id());
            Endpoint e = endpoints.get(w.getKey());
            if (e != null) {
                e.instance = w.getValue();
            } else {
                added.add(create(w.getKey(), w.getValue()));
            }
        }
        for (var it = endpoints.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Endpoint> e = it.next();
            if (!wanted.containsKey(e.getKey())) {
                it.remove();
                retire(e.getValue());
            }
        }
        loads.retain(ids);
        for (Endpoint e : added) {
            e.subchannel.requestConnection();
        }
        updateBalancingState();
        return Status.OK;
    }

    private Endpoint create(Key key, ServiceInstance instance) {
        Subchannel sc = helper.createSubchannel(CreateSubchannelArgs.newBuilder()
                .setAddresses(new EquivalentAddressGroup(key.addresses(), SextantAttributes.of(instance)))
                .build());
        Endpoint e = new Endpoint(sc, instance, loads.obtain(instance.id()), options.ticker());
        endpoints.put(key, e);
        sc.start(info -> onSubchannelState(e, info));
        log.debug("sextant policy for '{}': new subchannel for {}", service, e);
        return e;
    }

    private void retire(Endpoint e) {
        e.removed = true;
        e.subchannel.shutdown(); // calls already on it finish; no new picker returns it
        log.debug("sextant policy for '{}': removed {}", service, e);
    }

    private void onSubchannelState(Endpoint e, ConnectivityStateInfo info) {
        if (e.removed || shutdown || info.getState() == ConnectivityState.SHUTDOWN) {
            return;
        }
        boolean changed = e.update(info);
        if (info.getState() == ConnectivityState.IDLE) {
            e.subchannel.requestConnection();
        }
        if (info.getState() == ConnectivityState.TRANSIENT_FAILURE || info.getState() == ConnectivityState.IDLE) {
            helper.refreshNameResolution();
        }
        if (changed || info.getState() == ConnectivityState.TRANSIENT_FAILURE) {
            updateBalancingState();
        }
    }

    private void breakerChanged() {
        helper.getSynchronizationContext().execute(() -> {
            if (!shutdown) {
                reportedPicture = List.of(); // breaker states are not in the picture: force a rebuild
                updateBalancingState();
            }
        });
    }

    @Override
    public void handleNameResolutionError(Status error) {
        if (shutdown) {
            return;
        }
        if (error.getCause() instanceof NoInstanceAvailableException) {
            dropAll(error); // the registry says there is nothing to call: stop calling what was there
            return;
        }
        if (reportedState != ConnectivityState.READY) {
            report(ConnectivityState.TRANSIENT_FAILURE, new FixedResultPicker(PickResult.withError(error)), List.of());
        }
    }

    private void dropAll(Status error) {
        for (Endpoint e : endpoints.values()) {
            retire(e);
        }
        endpoints.clear();
        loads.retain(Set.of());
        report(ConnectivityState.TRANSIENT_FAILURE, new FixedResultPicker(PickResult.withError(error)), List.of());
    }

    /** Recomputes the overall state and, when it or the READY picture changed, hands a new picker over. */
    private void updateBalancingState() {
        List<Endpoint> ready = new ArrayList<>();
        boolean connecting = false;
        Status lastError = null;
        for (Endpoint e : endpoints.values()) {
            if (e.isReady()) {
                ready.add(e);
            } else if (!e.failing) {
                connecting = true;
            } else {
                lastError = e.lastError;
            }
        }
        if (!ready.isEmpty()) {
            List<Object> picture = new ArrayList<>(ready.size());
            for (Endpoint e : ready) {
                picture.add(e);
                picture.add(e.instance);
            }
            if (reportedState == ConnectivityState.READY && picture.equals(reportedPicture)) {
                return;
            }
            report(ConnectivityState.READY, readyPicker(ready), picture);
        } else if (connecting) {
            if (reportedState != ConnectivityState.CONNECTING) {
                report(ConnectivityState.CONNECTING, new FixedResultPicker(PickResult.withNoResult()), List.of());
            }
        } else if (!endpoints.isEmpty()) {
            Status s = Status.UNAVAILABLE.withCause(lastError == null ? null : lastError.getCause())
                    .withDescription("no instance of service '" + service + "' is reachable: " + endpoints.size()
                            + " failing, last error: " + lastError);
            report(ConnectivityState.TRANSIENT_FAILURE, new FixedResultPicker(PickResult.withError(s)), List.of());
        }
    }

    private SubchannelPicker readyPicker(List<Endpoint> ready) {
        ReadyCandidates candidates = ReadyCandidates.select(service, ready, loads, options.maxEjectionShare(),
                ++revision);
        if (candidates.panic()) {
            log.warn("sextant policy for '{}' in panic mode: too many open breakers, ignoring ejection", service);
        }
        Picker picker;
        try {
            picker = strategy.newPicker(candidates);
        } catch (RuntimeException ex) {
            log.warn("sextant policy for '{}': strategy '{}' failed to build a picker, picking at random", service,
                    strategyName, ex);
            picker = context -> candidates.get(options.random().nextInt(candidates.size()));
        }
        PickContext base = config.zone().isEmpty() ? PickContext.NONE : PickContext.NONE.withZone(config.zone());
        return new ReadyPicker(picker, candidates, config.hashHeader(), base);
    }

    private void report(ConnectivityState state, SubchannelPicker picker, List<Object> picture) {
        reportedState = state;
        reportedPicture = picture;
        helper.updateBalancingState(state, picker);
    }

    @Override
    public void requestConnection() {
        for (Endpoint e : endpoints.values()) {
            if (e.state == ConnectivityState.IDLE) {
                e.subchannel.requestConnection();
            }
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
        for (Endpoint e : endpoints.values()) {
            retire(e);
        }
        endpoints.clear();
    }

    @Override
    public String toString() {
        return "SextantLoadBalancer{" + service + " " + strategyName + " " + endpoints.values() + "}";
    }

    /** For tests: the endpoints by instance id. */
    Map<String, Endpoint> endpointsById() {
        Map<String, Endpoint> m = new HashMap<>();
        endpoints.values().forEach(e -> m.put(e.instance.id(), e));
        return m;
    }
}
