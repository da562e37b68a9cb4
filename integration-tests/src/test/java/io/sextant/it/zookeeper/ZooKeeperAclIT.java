package io.sextant.it.zookeeper;

import io.sextant.testing.ZooKeeperFixture;

import io.sextant.BackendUnavailableException;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.spi.EphemeralHandle;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.zookeeper.RecordingWatchListener.bytes;
import static io.sextant.it.zookeeper.ZkTestSupport.freshNamespace;
import static io.sextant.it.zookeeper.ZkTestSupport.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Digest authentication and ACLs: anyone reads a registration, only its creator's identity changes it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ZooKeeperAclIT {
    private static ZooKeeperFixture zk;

    @BeforeAll
    static void startServer() throws Exception {
        zk = ZooKeeperFixture.single();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (zk != null) {
            zk.close();
        }
    }

    private static SextantConfig as(String namespace, String user, String password) {
        return zk.config().namespace(namespace).requestTimeout(Duration.ofSeconds(2))
                .set("sextant.auth.user", user).set("sextant.auth.password", password).build();
    }

    @Test
    void othersCanReadButNeitherDeleteNorOverwriteARegistration() throws Exception {
        String ns = freshNamespace("acl");
        try (Backend alice = open(as(ns, "alice", "alice-secret"));
             Backend mallory = open(as(ns, "mallory", "mallory-secret"));
             Backend anonymous = open(zk.config().namespace(ns).build())) {
            EphemeralHandle h = alice.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);

            // Anyone reads, with or without credentials, by get, list and watch.
            assertThat(mallory.get("/services/orders/i-1").get(5, TimeUnit.SECONDS)).isPresent();
            assertThat(anonymous.list("/services/").get(5, TimeUnit.SECONDS)).containsOnlyKeys("/services/orders/i-1");
            RecordingWatchListener seen = new RecordingWatchListener();
            try (AutoCloseable w = anonymous.watch("/services/orders/", seen)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.state().equals(Map.of("/services/orders/i-1", "a")));
            }

            // Another identity can neither delete nor overwrite it, nor add to alice's service.
            assertRefused(() -> mallory.delete("/services/orders/i-1").get(5, TimeUnit.SECONDS));
            assertRefused(() -> anonymous.delete("/services/orders/i-1").get(5, TimeUnit.SECONDS));
            assertRefused(() -> mallory.putEphemeral("/services/orders/i-1", bytes("evil")).get(10, TimeUnit.SECONDS));
            assertRefused(() -> mallory.putEphemeral("/services/orders/fake", bytes("evil")).get(10, TimeUnit.SECONDS));
            assertThat(alice.get("/services/orders/i-1").get(5, TimeUnit.SECONDS))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a")));
            assertThat(alice.list("/services/orders/").get(5, TimeUnit.SECONDS)).containsOnlyKeys("/services/orders/i-1");

            // Mallory can run a service of her own; alice updates and deletes hers.
            mallory.putEphemeral("/services/billing/b-1", bytes("b")).get(5, TimeUnit.SECONDS);
            h.update(bytes("a2")).get(5, TimeUnit.SECONDS);
            assertThat(mallory.get("/services/orders/i-1").get(5, TimeUnit.SECONDS))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("a2")));
            h.delete().get(5, TimeUnit.SECONDS);
            assertThat(anonymous.get("/services/orders/i-1").get(5, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void nodesCarryCreatorAllAndAnyoneReadAcls() throws Exception {
        String ns = freshNamespace("aclshape");
        try (Backend alice = open(as(ns, "alice", "alice-secret"))) {
            alice.putEphemeral("/services/orders/i-1", bytes("a")).get(5, TimeUnit.SECONDS);
            try (ZooKeeper raw = ZooKeeperFixture.connectRaw(zk.connectString(), 5_000)) {
                List<ACL> record = raw.getACL("/" + ns + "/services/orders/i-1", new Stat());
                List<ACL> service = raw.getACL("/" + ns + "/services/orders", new Stat());
                List<ACL> services = raw.getACL("/" + ns + "/services", new Stat());
                assertThat(record).hasSize(2).anySatisfy(a -> {
                    assertThat(a.getId().getScheme()).isEqualTo("digest");
                    assertThat(a.getId().getId()).startsWith("alice:");
                    assertThat(a.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
                }).anySatisfy(a -> {
                    assertThat(a.getId()).isEqualTo(ZooDefs.Ids.ANYONE_ID_UNSAFE);
                    assertThat(a.getPerms()).isEqualTo(ZooDefs.Perms.READ);
                });
                assertThat(service).isEqualTo(record);
                assertThat(services).anySatisfy(a -> {
                    assertThat(a.getId()).isEqualTo(ZooDefs.Ids.ANYONE_ID_UNSAFE);
                    assertThat(a.getPerms()).isEqualTo(ZooDefs.Perms.READ | ZooDefs.Perms.CREATE);
                });
                // A plain client without credentials gets NoAuth on a write.
                assertThatThrownBy(() -> raw.setData("/" + ns + "/services/orders/i-1",
                        "x".getBytes(StandardCharsets.UTF_8), -1)).isInstanceOf(KeeperException.NoAuthException.class);
            }
        }
    }

    @Test
    void throughTheRegistryAnotherIdentityCannotJoinOrTakeOverAService() throws Exception {
        String ns = freshNamespace("aclreg");
        try (Registry alice = Registry.open(as(ns, "alice", "alice-secret"));
             Registry mallory = Registry.open(as(ns, "mallory", "mallory-secret"));
             Registry reader = Registry.open(zk.config().namespace(ns).build())) {
            alice.register(ServiceInstance.builder("orders").id("o-1").host("10.0.0.1").port(80).build());
            ServiceCache cache = reader.cache("orders");
            assertThat(cache.awaitReady(Duration.ofSeconds(10))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> cache.snapshot().size() == 1);

            long start = System.nanoTime();
            assertThatThrownBy(() -> mallory.register(
                    ServiceInstance.builder("orders").id("o-1").host("6.6.6.6").port(80).build()))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("not authorized");
            assertThatThrownBy(() -> mallory.register(
                    ServiceInstance.builder("orders").id("o-2").host("6.6.6.6").port(80).build()))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("not authorized");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not by timeout")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(cache.snapshot().byId("o-1").host()).isEqualTo("10.0.0.1");
            assertThat(cache.snapshot().size()).isEqualTo(1);
        }
    }

    /** sextant.zookeeper.acl: the identities listed share every service; one not listed cannot join. */
    @Test
    void configuredIdentitiesShareAServiceAndOthersCannotJoinIt() throws Exception {
        String ns = freshNamespace("aclshared");
        String acl = "digest:" + org.apache.zookeeper.server.auth.DigestAuthenticationProvider.generateDigest("alice:alice-secret")
                + ":crwda,digest:" + org.apache.zookeeper.server.auth.DigestAuthenticationProvider.generateDigest("bob:bob-secret")
                + ":crwda,world:anyone:r";
        java.util.function.BiFunction<String, String, SextantConfig> shared = (user, password) ->
                as(ns, user, password).toBuilder().set("sextant.zookeeper.acl", acl).build();
        try (Registry alice = Registry.open(shared.apply("alice", "alice-secret"));
             Registry bob = Registry.open(shared.apply("bob", "bob-secret"));
             Registry mallory = Registry.open(shared.apply("mallory", "mallory-secret"));
             Registry reader = Registry.open(zk.config().namespace(ns).build())) {
            alice.register(ServiceInstance.builder("orders").id("o-1").host("10.0.0.1").port(80).build());
            bob.register(ServiceInstance.builder("orders").id("o-2").host("10.0.0.2").port(80).build());
            ServiceCache cache = reader.cache("orders");
            await().atMost(Duration.ofSeconds(15)).until(() -> cache.snapshot().size() == 2);
            assertThatThrownBy(() -> mallory.register(
                    ServiceInstance.builder("orders").id("o-3").host("6.6.6.6").port(80).build()))
                    .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("not authorized");
            try (ZooKeeper raw = ZooKeeperFixture.connectRaw(zk.connectString(), 5_000)) {
                assertThatThrownBy(() -> raw.delete("/" + ns + "/services/orders/o-1", -1))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                List<ACL> service = raw.getACL("/" + ns + "/services/orders", new Stat());
                assertThat(service).anySatisfy(a -> {
                    assertThat(a.getId().getId()).startsWith("bob:");
                    assertThat(a.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
                });
                List<ACL> record = raw.getACL("/" + ns + "/services/orders/o-2", new Stat());
                assertThat(record).anySatisfy(a -> {
                    assertThat(a.getId().getId()).startsWith("bob:");
                    assertThat(a.getPerms()).isEqualTo(ZooDefs.Perms.ALL);
                });
                assertThat(record).filteredOn(a -> !a.getId().getId().startsWith("bob:"))
                        .allSatisfy(a -> assertThat(a.getPerms()).isEqualTo(ZooDefs.Perms.READ)); // others only read
            }
            assertThat(cache.snapshot().size()).isEqualTo(2);
        }
    }

    @Test
    void aMalformedAclIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> Registry.open(zk.config().namespace(freshNamespace("aclbad"))
                .set("sextant.zookeeper.acl", "digest:alice:crwdz").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant.zookeeper.acl")
                .hasMessageContaining("crwda");
    }

    /** Without credentials or an ACL, open warns once that the records are world-writable. */
    @Test
    void anUnprotectedRegistryWarnsAtOpen() throws Exception {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Registry anonymous = Registry.open(zk.config().namespace(freshNamespace("open")).build())) {
            assertThat(anonymous.health().connection().isConnected()).isTrue();
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("WARN").contains("not protected")
                .contains("sextant.zookeeper.acl");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("not authorized")
                .hasRootCauseInstanceOf(KeeperException.NoAuthException.class);
    }
}
