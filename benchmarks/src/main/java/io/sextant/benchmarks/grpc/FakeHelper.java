package io.sextant.benchmarks.grpc;

import io.grpc.Attributes;
import io.grpc.ChannelLogger;
import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.ManagedChannel;
import io.grpc.SynchronizationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A channel stand-in for driving a real {@link LoadBalancer} without a network: subchannels that
 * become READY when told, and the latest picker the policy handed over. Benchmark seam only.
 */
final class FakeHelper extends LoadBalancer.Helper {
    private final SynchronizationContext sync = new SynchronizationContext((t, e) -> {
        throw new IllegalStateException(e);
    });
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-helper");
        t.setDaemon(true);
        return t;
    });
    final List<FakeSubchannel> subchannels = new ArrayList<>();
    volatile LoadBalancer.SubchannelPicker picker;
    volatile ConnectivityState state;

    @Override
    public LoadBalancer.Subchannel createSubchannel(LoadBalancer.CreateSubchannelArgs args) {
        FakeSubchannel s = new FakeSubchannel(args);
        subchannels.add(s);
        return s;
    }

    /** Makes every started subchannel READY, in the synchronization context. */
    void readyAll() {
        sync.execute(() -> {
            for (FakeSubchannel s : new ArrayList<>(subchannels)) {
                if (s.listener != null) {
                    s.listener.onSubchannelState(ConnectivityStateInfo.forNonError(ConnectivityState.CONNECTING));
                    s.listener.onSubchannelState(ConnectivityStateInfo.forNonError(ConnectivityState.READY));
                }
            }
        });
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
        return "bench";
    }

    @Override
    public SynchronizationContext getSynchronizationContext() {
        return sync;
    }

    @Override
    public ScheduledExecutorService getScheduledExecutorService() {
        return scheduler;
    }

    private static final ChannelLogger QUIET = new ChannelLogger() {
        @Override
        public void log(ChannelLogLevel level, String message) {
        }

        @Override
        public void log(ChannelLogLevel level, String messageFormat, Object... args) {
        }
    };

    @Override
    public ChannelLogger getChannelLogger() {
        return QUIET;
    }

    @Override
    public void refreshNameResolution() {
    }

    static final class FakeSubchannel extends LoadBalancer.Subchannel {
        private List<EquivalentAddressGroup> addresses;
        private final Attributes attributes;
        LoadBalancer.SubchannelStateListener listener;

        FakeSubchannel(LoadBalancer.CreateSubchannelArgs args) {
            this.addresses = args.getAddresses();
            this.attributes = args.getAttributes();
        }

        @Override
        public void start(LoadBalancer.SubchannelStateListener listener) {
            this.listener = listener;
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void requestConnection() {
        }

        @Override
        public List<EquivalentAddressGroup> getAllAddresses() {
            return addresses;
        }

        @Override
        public void updateAddresses(List<EquivalentAddressGroup> addrs) {
            this.addresses = addrs;
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public ChannelLogger getChannelLogger() {
            return QUIET;
        }
    }
}
