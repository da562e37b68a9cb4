package io.sextant.grpc;

import com.google.common.net.InetAddresses;
import io.grpc.EquivalentAddressGroup;
import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Turns a snapshot into the address groups a channel balances over: one per pickable instance. */
final class InstanceAddresses {
    private InstanceAddresses() {
    }

    /**
     * One group per instance that may take calls ({@code UP}, weight above 0), in instance-id order,
     * each with the instance's {@link SextantAttributes}. Instances that are {@code DRAINING} or
     * {@code DOWN} are left out, so no policy sends them new calls.
     */
    static List<EquivalentAddressGroup> groups(InstanceSet set) {
        List<EquivalentAddressGroup> out = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            ServiceInstance instance = set.get(i);
            if (instance.isPickable()) {
                out.add(new EquivalentAddressGroup(socketAddress(instance), SextantAttributes.of(instance)));
            }
        }
        return out;
    }

    /**
     * The instance's socket address without a DNS lookup on the calling thread (a cache event or the
     * channel's synchronization context): IP literals are parsed, host names are left unresolved for
     * the transport to resolve when it connects.
     */
    static InetSocketAddress socketAddress(ServiceInstance instance) {
        String host = instance.host();
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (InetAddresses.isInetAddress(literal)) {
            return new InetSocketAddress(InetAddresses.forString(literal), instance.port());
        }
        return InetSocketAddress.createUnresolved(host, instance.port());
    }
}
