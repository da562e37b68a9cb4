package io.sextant.cli.internal.demo;

import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;

import java.util.Map;

/**
 * A demo instance as its own process would be: its own registry and registration, a simulated
 * latency, and a fault state the demo sets (crashed: the link to the backend cut; failing: its calls
 * throw).
 */
final class DemoInstance implements AutoCloseable {
    enum State { UP, CRASHED, FAILING, STOPPED }

    private final InstanceSpec spec;
    private final Registry registry;
    private final LinkCutter link;
    private volatile State state = State.UP;
    private Registration registration;

    private DemoInstance(InstanceSpec spec, Registry registry, LinkCutter link) {
        this.spec = spec;
        this.registry = registry;
        this.link = link;
    }

    /** Opens its registry (through a cuttable link when {@code cuttable}) and registers. */
    static DemoInstance start(DemoBackend backend, InstanceSpec spec, boolean cuttable) {
        LinkCutter link = cuttable ? backend.newLink() : null;
        Registry registry;
        try {
            registry = Registry.open(link == null ? backend.config() : backend.configVia(link));
        } catch (RuntimeException e) {
            if (link != null) {
                link.close();
            }
            throw e;
        }
        DemoInstance d = new DemoInstance(spec, registry, link);
        try {
            d.registration = registry.register(ServiceInstance.builder(spec.service()).id(spec.id()).host("127.0.0.1")
                    .port(9000 + Math.abs(spec.id().hashCode() % 900)).zone(spec.zone()).weight(spec.weight())
                    .metadata(Map.of("demo", "true")).build());
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    InstanceSpec spec() {
        return spec;
    }

    String id() {
        return spec.id();
    }

    State state() {
        return state;
    }

    /** Whether a call to it fails now (its process is gone, or it is failing). */
    boolean failsCalls() {
        return state != State.UP;
    }

    /** The process dies: the connection is cut, nothing is deregistered. */
    void crash() {
        state = State.CRASHED;
        link.cut();
    }

    /** It starts failing every call (it stays registered). */
    void startFailing() {
        state = State.FAILING;
    }

    /** A graceful stop: deregisters, closes its registry. */
    void stop() {
        state = State.STOPPED;
        registry.close();
    }

    @Override
    public void close() {
        if (state == State.CRASHED) {
            // Its backend is unreachable by design: let its close (which would wait for requests) run
            // in the background; the record is gone already.
            Thread t = new Thread(registry::close, "sextant-demo-close-" + spec.id());
            t.setDaemon(true);
            t.start();
        } else {
            registry.close();
        }
        if (link != null) {
            link.close();
        }
    }
}
