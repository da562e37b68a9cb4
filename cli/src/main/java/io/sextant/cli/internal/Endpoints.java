package io.sextant.cli.internal;

import io.sextant.SextantConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The endpoints a configuration names, and a plain TCP probe of each (no protocol, no credentials). */
final class Endpoints {
    private static final int MAX_PROBE_MS = 3000;

    private Endpoints() {
    }

    /** One endpoint's probe result. */
    record Probe(String endpoint, boolean reachable, long millis, String error) {
    }

    /** The {@code host:port} endpoints of etcd or ZooKeeper; empty for other backends. */
    static List<HostPort> of(SextantConfig config) {
        List<HostPort> list = new ArrayList<>();
        switch (config.backend()) {
            case "etcd" -> {
                String raw = config.property("sextant.etcd.endpoints");
                for (String url : raw == null ? new String[0] : raw.split(",")) {
                    try {
                        URI u = URI.create(url.strip());
                        int port = u.getPort() > 0 ? u.getPort() : 2379;
                        if (u.getHost() != null) {
                            list.add(new HostPort(u.getHost(), port));
                        }
                    } catch (IllegalArgumentException e) {
                        // the backend reports the malformed URL with its key
                    }
                }
            }
            case "zookeeper" -> {
                String raw = config.property("sextant.zookeeper.connect");
                for (String hp : raw == null ? new String[0] : raw.split(",")) {
                    list.add(HostPort.parse("sextant.zookeeper.connect", hp));
                }
            }
            default -> {
                // in-process or unknown: nothing to probe
            }
        }
        return list;
    }

    /** Opens and closes a TCP connection to each endpoint. */
    static List<Probe> probe(SextantConfig config) {
        int timeout = (int) Math.min(MAX_PROBE_MS, config.connectTimeout().toMillis());
        List<Probe> probes = new ArrayList<>();
        for (HostPort hp : of(config)) {
            String name = hp.host().contains(":") ? "[" + hp.host() + "]:" + hp.port() : hp.host() + ":" + hp.port();
            long t0 = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hp.host(), hp.port()), timeout);
                probes.add(new Probe(name, true, (System.nanoTime() - t0) / 1_000_000, null));
            } catch (IOException e) {
                probes.add(new Probe(name, false, (System.nanoTime() - t0) / 1_000_000,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return probes;
    }
}
