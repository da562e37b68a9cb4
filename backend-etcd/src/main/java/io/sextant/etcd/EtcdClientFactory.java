package io.sextant.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.util.concurrent.ExecutorService;

/** Builds the jetcd {@link Client} for {@link EtcdSettings}: endpoints, TLS, credentials, timeouts. */
final class EtcdClientFactory {
    private EtcdClientFactory() {
    }

    /**
     * @param executor jetcd's own executor, and the one every gRPC call completes on (gRPC's default is a
     *                 shared unbounded pool that a burst of answers grows by a thread each); the caller
     *                 shuts it down after closing the client
     */
    static Client create(EtcdSettings s, ExecutorService executor) {
        ClientBuilder b = Client.builder()
                .executorService(executor)
                .interceptor(new CallExecutor(executor))
                .endpoints(s.endpoints().toArray(new java.net.URI[0]))
                .connectTimeout(s.connectTimeout())
                // Fail fast while no member is reachable: our own retries and time-outs decide, not a
                // call parked until the channel comes back.
                .waitForReady(false)
                .retryMaxDuration(s.requestTimeout());
        if (s.tls()) {
            b.sslContext(sslContext(s));
        }
        if (s.user() != null) {
            b.user(KeyMapper.bytes(s.user())).password(KeyMapper.bytes(s.password()));
        }
        return b.build();
    }

    private static io.netty.handler.ssl.SslContext sslContext(EtcdSettings s) {
        try {
            SslContextBuilder ssl = GrpcSslContexts.forClient();
            if (s.ca() != null) {
                ssl.trustManager(s.ca().toFile());
            }
            if (s.cert() != null) {
                ssl.keyManager(s.cert().toFile(), s.key().toFile());
            }
            return ssl.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(EtcdSettings.TLS_CA + ", " + EtcdSettings.TLS_CERT + " and "
                    + EtcdSettings.TLS_KEY + " must be PEM files (CA certificate, client certificate, PKCS#8 key): "
                    + Failures.describe(e), e);
        }
    }
}
