package io.sextant.grpc;

import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.Subchannel;
import io.grpc.Status;
import io.sextant.ServiceInstance;

import java.util.function.LongSupplier;

/**
 * One resolved instance and its subchannel, as the {@code sextant} policy tracks it. Mutable, touched
 * only in the channel's synchronization context; the {@link PickResult} handed to pickers is built
 * once per subchannel, so a pick allocates nothing.
 */
final class Endpoint {
    final Subchannel subchannel;
    final CallLoad load;
    final PickResult pickResult;
    ServiceInstance instance;
    ConnectivityState state = ConnectivityState.IDLE;
    /** Failed to connect since it was last READY: stays out of the CONNECTING count until READY again. */
    boolean failing;
    Status lastError = Status.OK;
    boolean removed;

    Endpoint(Subchannel subchannel, ServiceInstance instance, CallLoad load, LongSupplier ticker) {
        this.subchannel = subchannel;
        this.instance = instance;
        this.load = load;
        this.pickResult = PickResult.withSubchannel(subchannel, new CallTracking(load, ticker));
    }

    /** Records a state change; returns whether the policy's picture changed. */
    boolean update(ConnectivityStateInfo info) {
        ConnectivityState s = info.getState();
        if (s == ConnectivityState.TRANSIENT_FAILURE) {
            failing = true;
            lastError = info.getStatus();
        } else if (s == ConnectivityState.READY) {
            failing = false;
        }
        boolean changed = s != state;
        state = s;
        return changed;
    }

    boolean isReady() {
        return state == ConnectivityState.READY;
    }

    @Override
    public String toString() {
        return instance.id() + "@" + instance.address() + "=" + state;
    }
}
