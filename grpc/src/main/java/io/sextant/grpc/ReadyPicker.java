package io.sextant.grpc;

import io.grpc.LoadBalancer.PickResult;
import io.grpc.LoadBalancer.PickSubchannelArgs;
import io.grpc.LoadBalancer.SubchannelPicker;
import io.grpc.Metadata;
import io.sextant.ServiceInstance;
import io.sextant.balancer.PickContext;
import io.sextant.balancer.spi.Picker;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code sextant} policy's picker while at least one subchannel is READY: the Sextant strategy's
 * {@link Picker} chooses an instance, which maps to its subchannel's prebuilt {@link PickResult}.
 * Immutable and built once per change of the READY set (or of a breaker), so a pick is the
 * strategy's own O(1) work plus one hash-map lookup; with a hash header it also reads that header
 * and hashes its value.
 */
final class ReadyPicker extends SubchannelPicker {
    private final Picker picker;
    private final Map<String, PickResult> byId;
    private final Metadata.Key<String> hashHeader;
    private final PickContext base;

    ReadyPicker(Picker picker, ReadyCandidates candidates, Metadata.Key<String> hashHeader, PickContext base) {
        this.picker = picker;
        this.hashHeader = hashHeader;
        this.base = base;
        this.byId = new HashMap<>(candidates.size() * 2);
        for (int i = 0; i < candidates.size(); i++) {
            Endpoint e = candidates.endpoint(i);
            byId.put(e.instance.id(), e.pickResult);
        }
    }

    @Override
    public PickResult pickSubchannel(PickSubchannelArgs args) {
        PickContext context = base;
        if (hashHeader != null) {
            String key = args.getHeaders().get(hashHeader);
            if (key != null) {
                context = context.withKey(key);
            }
        }
        ServiceInstance chosen = picker.pick(context);
        return byId.get(chosen.id());
    }

    @Override
    public String toString() {
        return "ReadyPicker{" + byId.keySet() + (hashHeader == null ? "" : " hash " + hashHeader.name()) + "}";
    }
}
