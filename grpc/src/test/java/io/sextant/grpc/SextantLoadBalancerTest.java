package io.sextant.grpc;

import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ChannelLogger;
import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import io.sextant.ServiceInstance;
import io.sextant.balancer.BalancerOptions;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.spi.StrategyRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy's state machine, driven through a stand-in channel (no network): which subchannel
 * states make it READY, CONNECTING or TRANSIENT_FAILURE, and what its pickers return.
 */
class SextantLoadBalancerTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Helper helper = new Helper();
    private final Map<String, ServiceInstance> instances = new java.util.HashMap<>();
    private final SextantLoadBalancer lb = new SextantLoadBalancer(helper, BalancerOptions.DEFAULT,
            StrategyRegistry.getDefault());

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private void resolve(String... ids) {
        resolve(null, ids);
    }

    private void resolve(Object config, String... ids) {
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        int port = 9000;
        for (String id : ids) {
            int p = port++;
            ServiceInstance i = instances.computeIfAbsent(id, k -> ServiceInstance.builder("svc").id(k)
                    .host("127.0.0.1").port(p).build()); // the same value each time, as a cache would give
            groups.add(new EquivalentAddressGroup(new InetSocketAddress("127.0.0.1", i.port()), SextantAttributes.of(i)));
        }
        helper.sync.execute(() -> lb.acceptResolvedAddresses(LoadBalancer.ResolvedAddresses.newBuilder()
                .setAddresses(groups).setAttributes(Attributes.newBuilder().set(SextantAttributes.SERVICE, "svc").build())
                .setLoadBalancingPolicyConfig(config).build()));
    }

    private void state(String id, ConnectivityStateInfo info) {
        helper.sync.execute(() -> helper.subchannels.get(id).listener.onSubchannelState(info));
    }

    private void state(String id, ConnectivityState s) {
        state(id, ConnectivityStateInfo.forNonError(s));
    }

    private LoadBalancer.PickResult pick() {
        return helper.picker.pickSubchannel(new Args(new Metadata()));
    }

    private LoadBalancer.PickResult pick(String userId) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("x-user-id", Metadata.ASCII_STRING_MARSHALLER), userId);
        return helper.picker.pickSubchannel(new Args(m));
    }

    @Test
    void aNewConfigWithTheSameInstancesTakesEffectAtOnce() {
        resolve("a", "b", "c");
        for (String id : List.of("a", "b", "c")) {
            state(id, ConnectivityState.READY);
        }
        assertThat(java.util.stream.IntStream.range(0, 30).mapToObj(i -> pick("u1").getSubchannel()).distinct())
                .hasSize(3); // round robin ignores the header

        Object hashing = new SextantLoadBalancerProvider().parseLoadBalancingPolicyConfig(
                Map.of("strategy", "maglev", "hashHeader", "x-user-id")).getConfig();
        resolve(hashing, "a", "b", "c");
        for (int u = 0; u < 20; u++) {
            LoadBalancer.Subchannel first = pick("user-" + u).getSubchannel();
            for (int i = 0; i < 5; i++) {
                assertThat(pick("user-" + u).getSubchannel()).isSameAs(first);
            }
        }
    }

    @Test
    void connectsEveryInstanceAndQueuesCallsUntilOneIsReady() {
        resolve("a", "b");
        assertThat(helper.subchannels.values()).allMatch(s -> s.connectRequests == 1);
        assertThat(helper.state).isEqualTo(ConnectivityState.CONNECTING);
        assertThat(pick().hasResult()).isFalse(); // queued, not failed

        state("a", ConnectivityState.CONNECTING);
        state("b", ConnectivityState.CONNECTING);
        state("b", ConnectivityState.READY);
        assertThat(helper.state).isEqualTo(ConnectivityState.READY);
        for (int i = 0; i < 10; i++) {
            assertThat(pick().getSubchannel()).isSameAs(helper.subchannels.get("b"));
        }
        state("a", ConnectivityState.READY);
        assertThat(List.of(pick().getSubchannel(), pick().getSubchannel()))
                .containsExactlyInAnyOrder(helper.subchannels.get("a"), helper.subchannels.get("b"));
    }

    @Test
    void aSubchannelThatGoesIdleIsReconnectedAndNotPicked() {
        resolve("a", "b");
        state("a", ConnectivityState.READY);
        state("b", ConnectivityState.READY);
        state("a", ConnectivityState.IDLE);
        assertThat(helper.subchannels.get("a").connectRequests).isEqualTo(2);
        assertThat(helper.refreshes).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            assertThat(pick().getSubchannel()).isSameAs(helper.subchannels.get("b"));
        }
    }

    @Test
    void allFailingIsTransientFailureNamingTheServiceAndStaysSoWhileRetrying() {
        resolve("a", "b");
        Status refused = Status.UNAVAILABLE.withDescription("connection refused");
        state("a", ConnectivityStateInfo.forTransientFailure(refused));
        assertThat(helper.state).isEqualTo(ConnectivityState.CONNECTING); // b has not failed yet
        state("b", ConnectivityStateInfo.forTransientFailure(refused));
        assertThat(helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
        Status error = pick().getStatus();
        assertThat(error.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getDescription()).contains("'svc'").contains("connection refused");

        state("a", ConnectivityState.CONNECTING); // a retry after back-off does not flip the channel back
        assertThat(helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
        state("a", ConnectivityState.READY);
        assertThat(helper.state).isEqualTo(ConnectivityState.READY);
    }

    @Test
    void aRemovedInstanceIsShutDownAndAChangedWeightKeepsItsSubchannel() {
        resolve("a", "b");
        FakeSubchannel a = helper.subchannels.get("a");
        state("a", ConnectivityState.READY);
        resolve("a");
        assertThat(helper.subchannels.get("b").shutdown).isTrue();
        assertThat(a.shutdown).isFalse();
        assertThat(lb.endpointsById()).containsOnlyKeys("a");
    }

    @Test
    void theRegistrySayingNothingIsThereDropsEverySubchannel() {
        resolve("a");
        state("a", ConnectivityState.READY);
        Status none = Status.UNAVAILABLE.withCause(new NoInstanceAvailableException("svc", 0))
                .withDescription("No instance of service 'svc' is registered");
        helper.sync.execute(() -> lb.handleNameResolutionError(none));
        assertThat(helper.subchannels.get("a").shutdown).isTrue();
        assertThat(helper.state).isEqualTo(ConnectivityState.TRANSIENT_FAILURE);
        assertThat(pick().getStatus()).isSameAs(none);
    }

    @Test
    void anotherResolverErrorKeepsReadySubchannels() {
        resolve("a");
        state("a", ConnectivityState.READY);
        helper.sync.execute(() -> lb.handleNameResolutionError(Status.UNAVAILABLE.withDescription("dns down")));
        assertThat(helper.subchannels.get("a").shutdown).isFalse();
        assertThat(helper.state).isEqualTo(ConnectivityState.READY);
        assertThat(pick().getSubchannel()).isSameAs(helper.subchannels.get("a"));
    }

    private final class Helper extends LoadBalancer.Helper {
        final SynchronizationContext sync = new SynchronizationContext((t, e) -> {
            throw new AssertionError(e);
        });
        final Map<String, FakeSubchannel> subchannels = new LinkedHashMap<>();
        LoadBalancer.SubchannelPicker picker;
        ConnectivityState state;
        int refreshes;

        @Override
        public void refreshNameResolution() {
            refreshes++;
        }

        @Override
        public LoadBalancer.Subchannel createSubchannel(LoadBalancer.CreateSubchannelArgs args) {
            FakeSubchannel s = new FakeSubchannel(args.getAddresses());
            subchannels.put(args.getAddresses().get(0).getAttributes().get(SextantAttributes.INSTANCE_ID), s);
            return s;
        }

        @Override
        public void updateBalancingState(ConnectivityState newState, LoadBalancer.SubchannelPicker newPicker) {
            state = newState;
            picker = newPicker;
        }

        @Override
        public ManagedChannel createOobChannel(EquivalentAddressGroup eag, String authority) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getAuthority() {
            return "svc";
        }

        @Override
        public SynchronizationContext getSynchronizationContext() {
            return sync;
        }

        @Override
        public ScheduledExecutorService getScheduledExecutorService() {
            return timer;
        }

        @Override
        public ChannelLogger getChannelLogger() {
            return new ChannelLogger() {
                @Override
                public void log(ChannelLogLevel level, String message) {
                }

                @Override
                public void log(ChannelLogLevel level, String messageFormat, Object... args) {
                }
            };
        }
    }

    private static final class FakeSubchannel extends LoadBalancer.Subchannel {
        private final List<EquivalentAddressGroup> addresses;
        LoadBalancer.SubchannelStateListener listener;
        int connectRequests;
        boolean shutdown;

        FakeSubchannel(List<EquivalentAddressGroup> addresses) {
            this.addresses = addresses;
        }

        @Override
        public void start(LoadBalancer.SubchannelStateListener listener) {
            this.listener = listener;
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public void requestConnection() {
            connectRequests++;
        }

        @Override
        public List<EquivalentAddressGroup> getAllAddresses() {
            return addresses;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }
    }

    private static final class Args extends LoadBalancer.PickSubchannelArgs {
        private final Metadata headers;

        Args(Metadata headers) {
            this.headers = headers;
        }

        @Override
        public CallOptions getCallOptions() {
            return CallOptions.DEFAULT;
        }

        @Override
        public Metadata getHeaders() {
            return headers;
        }

        @Override
        public MethodDescriptor<?, ?> getMethodDescriptor() {
            return Greeter.HELLO;
        }
    }
}
