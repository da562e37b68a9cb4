package io.sextant.grpc;

import io.grpc.EquivalentAddressGroup;
import io.sextant.ServiceInstance;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;

/**
 * The {@link ServiceInstance} an address group stands for: the one the {@code sextant:///} resolver
 * attached, or, for addresses from another resolver (DNS, static lists), one made up from the first
 * address, with the address as its id and the {@link SextantAttributes#WEIGHT} attribute if present.
 */
final class Instances {
    private Instances() {
    }

    static ServiceInstance of(EquivalentAddressGroup group, String service) {
        ServiceInstance attached = group.getAttributes().get(SextantAttributes.INSTANCE);
        if (attached != null) {
            return attached;
        }
        SocketAddress first = group.getAddresses().get(0);
        String host;
        int port;
        if (first instanceof InetSocketAddress inet) {
            host = inet.getHostString();
            port = inet.getPort() == 0 ? 1 : inet.getPort();
        } else {
            host = first.toString().replaceAll("[\\s/]", "_");
            port = 1;
        }
        Integer weight = group.getAttributes().get(SextantAttributes.WEIGHT);
        return ServiceInstance.builder(service)
                .id(id(host + ":" + port))
                .host(host.isEmpty() ? "unknown" : host)
                .port(port)
                .weight(weight == null ? ServiceInstance.DEFAULT_WEIGHT : weight)
                .build();
    }

    /** A valid service name derived from a channel authority such as {@code localhost:8080}. */
    static String serviceName(String authority) {
        String s = authority == null ? "" : authority.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
            s = "grpc" + s;
        }
        return s.length() > 63 ? s.substring(0, 63) : s;
    }

    private static String id(String address) {
        String s = address.replaceAll("[^A-Za-z0-9._:@-]", "_");
        return s.length() > 128 ? s.substring(s.length() - 128) : s;
    }
}
