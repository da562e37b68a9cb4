package io.sextant.grpc;

import io.sextant.testing.BackendFixture;
import io.sextant.testing.EtcdFixture;
import org.junit.jupiter.api.TestInstance;

/** The gRPC contract on a real etcd member (the {@code etcd} binary on free loopback ports). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdGrpcTest extends GrpcDiscoveryContract {

    @Override
    BackendFixture startFixture() throws Exception {
        return EtcdFixture.single(); // skips the class without an etcd binary
    }
}
