package io.sextant.testing;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.sextant.SextantConfig;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link BackendFixture} on real etcd: members started here from the binary on PATH, or an existing
 * cluster named by {@code SEXTANT_TEST_ETCD_ENDPOINTS} (which cannot be stopped: such tests are skipped).
 */
public final class EtcdFixture implements BackendFixture {
    public static final String ENDPOINTS_ENV = "SEXTANT_TEST_ETCD_ENDPOINTS";
    public static final Duration TTL = Duration.ofSeconds(2);

    private final EtcdCluster cluster;
    private final String external;

    private EtcdFixture(EtcdCluster cluster, String external) {
        this.cluster = cluster;
        this.external = external;
    }

    /** A single member (or the external cluster when {@value #ENDPOINTS_ENV} is set). */
    public static EtcdFixture single() throws Exception {
        return members(1);
    }

    /** {@code size} members (or the external cluster when {@value #ENDPOINTS_ENV} is set). */
    public static EtcdFixture members(int size) throws Exception {
        String env = System.getenv(ENDPOINTS_ENV);
        if (env != null && !env.isBlank()) {
            return new EtcdFixture(null, env.trim());
        }
        return new EtcdFixture(EtcdCluster.start(size), null);
    }

    /** The cluster this fixture manages; the test is skipped for an external cluster. */
    public EtcdCluster cluster() {
        if (cluster == null) {
            throw new TestAbortedException("external etcd cluster from " + ENDPOINTS_ENV + " cannot be controlled");
        }
        return cluster;
    }

    public String endpoints() {
        return cluster == null ? external : cluster.endpoints();
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public SextantConfig.Builder config() {
        return SextantConfig.builder().backend("etcd").set("sextant.etcd.endpoints", endpoints()).ttl(TTL)
                .connectTimeout(Duration.ofSeconds(5)).requestTimeout(Duration.ofSeconds(3));
    }

    @Override
    public Duration ttl() {
        return TTL;
    }

    @Override
    public void expireOwnerOf(SextantConfig config, String key) throws Exception {
        try (Client c = adminClient()) {
            String full = "/" + config.namespace() + key;
            GetResponse r = c.getKVClient().get(EtcdCluster.bytes(full)).get(5, TimeUnit.SECONDS);
            List<KeyValue> kvs = r.getKvs();
            if (kvs.isEmpty() || kvs.get(0).getLease() == 0) {
                throw new IllegalStateException("key " + full + " has no lease to expire (present: " + !kvs.isEmpty() + ")");
            }
            c.getLeaseClient().revoke(kvs.get(0).getLease()).get(5, TimeUnit.SECONDS);
        }
    }

    /** A client outside any backend, for inspecting and hurting the cluster. */
    public Client adminClient() {
        return cluster == null ? Client.builder().endpoints(external.split(",")).build() : cluster.adminClient();
    }

    @Override
    public void stopAll() {
        cluster().stopAll();
    }

    @Override
    public void startAll() throws Exception {
        cluster().startAll();
    }

    @Override
    public boolean reachableFromOtherProcesses() {
        return true;
    }

    @Override
    public void close() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }
}
