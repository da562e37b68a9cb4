package io.sextant.grpc;

import io.sextant.SextantConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

/** The gRPC contract on a real etcd server (the {@code etcd} binary, on free loopback ports). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdGrpcTest extends GrpcDiscoveryContract {
    private LocalEtcd etcd;

    @Override
    void startBackend() throws Exception {
        Assumptions.assumeTrue(LocalEtcd.binaryAvailable(), "the etcd binary is not on PATH");
        etcd = LocalEtcd.start();
    }

    @Override
    void stopBackend() throws Exception {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    SextantConfig.Builder config() {
        return SextantConfig.builder().backend("etcd").set("sextant.etcd.endpoints", etcd.endpoint())
                .ttl(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(3));
    }
}
