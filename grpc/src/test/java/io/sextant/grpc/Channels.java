package io.sextant.grpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** Channels to {@code sextant:///} targets and small call helpers for the tests. */
final class Channels {
    private Channels() {
    }

    /** A channel with the {@code sextant} policy configured by the service config JSON of its config object. */
    static ManagedChannel sextant(String service, String policyJson) {
        String json = "{\"loadBalancingConfig\":[{\"sextant\":" + policyJson + "}]}";
        return NettyChannelBuilder.forTarget("sextant:///" + service).usePlaintext()
                .defaultServiceConfig(parse(json)).build();
    }

    static Map<String, ?> parse(String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> m = new ObjectMapper().readValue(json, Map.class);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls until a batch of {@code batch} calls has reached exactly {@code names}. */
    static void awaitReaching(ManagedChannel channel, Set<String> names, int batch) {
        await().atMost(20, TimeUnit.SECONDS).ignoreException(StatusRuntimeException.class)
                .until(() -> counts(channel, batch).keySet(), s -> s.equals(names));
    }

    /** {@code n} calls; how many each server answered. */
    static Map<String, Integer> counts(ManagedChannel channel, int n) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.merge(Greeter.hello(channel), 1, Integer::sum);
        }
        return m;
    }

    static void close(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
