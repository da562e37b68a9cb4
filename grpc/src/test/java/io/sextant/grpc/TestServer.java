package io.sextant.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A real gRPC server on a free loopback port, running one {@link Greeter}, optionally registered. */
final class TestServer implements AutoCloseable {
    final Greeter greeter;
    final Server server;
    final HealthStatusManager health = new HealthStatusManager();
    Registration registration;

    private TestServer(String name) {
        this.greeter = new Greeter(name);
        try {
            this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(greeter.definition())
                    .addService(health.getHealthService())
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TestServer start(String name) {
        return new TestServer(name);
    }

    /** Starts a server and registers it as {@code service} with id {@code name} and {@code weight}. */
    static TestServer registered(Registry registry, String service, String name, int weight) {
        TestServer s = new TestServer(name);
        s.registration = registry.register(ServiceInstance.builder(service).id(name)
                .host("127.0.0.1").port(s.port()).weight(weight).build());
        return s;
    }

    String name() {
        return greeter.name;
    }

    int port() {
        return server.getPort();
    }

    int calls() {
        return greeter.calls.get();
    }

    /** Stops the server at once, without deregistering: a crash as far as clients can tell. */
    void kill() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
        kill();
    }
}
