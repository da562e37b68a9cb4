package io.sextant.grpc;

import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.sextant.Registry;
import io.sextant.SextantConfig;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The README's gRPC code, kept here so the build compiles it (not a test: the tests run the same calls). */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    static ManagedChannel client() {
        ManagedChannel channel;
        // README:grpc-client:begin
        try (Registry registry = Registry.open(SextantConfig.fromEnvironment())) {
            SextantNameResolverProvider.builder().registry(registry).build().register();
            channel = ManagedChannelBuilder.forTarget("sextant:///greeter")
                    .defaultServiceConfig(Map.of("loadBalancingConfig", List.of(Map.of("sextant",
                            Map.of("strategy", "maglev", "hashHeader", "x-user-id")))))
                    .usePlaintext().build();
            // or .defaultLoadBalancingPolicy("sextant") for round robin
        }
        // README:grpc-client:end
        return channel;
    }

    static SextantServer server(Registry registry, BindableService greeter) throws IOException {
        // README:grpc-server:begin
        HealthStatusManager health = new HealthStatusManager();
        Server server = ServerBuilder.forPort(0).addService(greeter)
                .addService(health.getHealthService()).build().start();
        SextantServer registered = SextantServer.builder(registry, "greeter").zone("eu-1a").health(health)
                .register(server);
        Runtime.getRuntime().addShutdownHook(new Thread(registered::shutdown));
        // README:grpc-server:end
        return registered;
    }
}
