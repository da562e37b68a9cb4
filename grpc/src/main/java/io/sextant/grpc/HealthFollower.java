package io.sextant.grpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.sextant.InstanceStatus;
import io.sextant.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * Follows the standard gRPC health service of a server through its public {@code Watch} RPC, over an
 * in-process channel (no network, no TLS), and mirrors it into the registration: {@code SERVING}
 * makes the instance {@code UP}, {@code NOT_SERVING} makes it {@code DRAINING}, so clients stop
 * sending it new calls. Whoever changes the health status (the application, or
 * {@code HealthStatusManager.enterTerminalState()}) is followed, without polling.
 */
final class HealthFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthFollower.class);

    private final Server server;
    private final ManagedChannel channel;

    private HealthFollower(Server server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    static HealthFollower start(BindableService healthService, String healthName, Registration registration) {
        String name = "sextant-health-" + registration.instance().service() + "-" + registration.instance().id()
                + "-" + System.nanoTime();
        Server s;
        try {
            s = InProcessServerBuilder.forName(name).directExecutor().addService(healthService).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the in-process health watch", e);
        }
        ManagedChannel ch = InProcessChannelBuilder.forName(name).directExecutor().build();
        HealthGrpc.newStub(ch).watch(HealthCheckRequest.newBuilder().setService(healthName).build(),
                new Mirror(registration, healthName));
        return new HealthFollower(s, ch);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
            server.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Mirror implements StreamObserver<HealthCheckResponse> {
        private final Registration registration;
        private final String healthName;

        Mirror(Registration registration, String healthName) {
            this.registration = registration;
            this.healthName = healthName;
        }

        @Override
        public void onNext(HealthCheckResponse response) {
            InstanceStatus status = switch (response.getStatus()) {
                case SERVING -> InstanceStatus.UP;
                case NOT_SERVING -> InstanceStatus.DRAINING;
                default -> null; // UNKNOWN / SERVICE_UNKNOWN: nothing said yet, leave the registration as it is
            };
            if (status == null || registration.isClosed() || registration.instance().status() == status) {
                return;
            }
            log.info("health of '{}' is {}: instance {} of '{}' now {}", healthName, response.getStatus(),
                    registration.instance().id(), registration.instance().service(), status);
            try {
                registration.updateStatus(status).whenComplete((v, e) -> {
                    if (e != null && !registration.isClosed()) {
                        log.warn("could not write status {} of instance {} yet; the registry keeps retrying",
                                status, registration.instance().id(), e);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("could not set status {} of instance {}", status, registration.instance().id(), e);
            }
        }

        @Override
        public void onError(Throwable t) {
            log.debug("health watch of instance {} ended", registration.instance().id(), t);
        }

        @Override
        public void onCompleted() {
        }
    }
}
