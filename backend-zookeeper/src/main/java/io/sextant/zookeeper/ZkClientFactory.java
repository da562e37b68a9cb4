package io.sextant.zookeeper;

import io.sextant.BackendUnavailableException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.imps.DefaultACLProvider;
import org.apache.curator.retry.RetryUntilElapsed;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds and connects the Curator client; fails fast, naming the connect string, when it cannot. */
final class ZkClientFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ZkClientFactory.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private ZkClientFactory() {
    }

    /**
     * {@code runSafe} runs Curator's callbacks of recipes such as CuratorCache, one at a time; it must stop
     * with the backend (Curator's close does not stop the single thread it would otherwise start).
     */
    static CuratorFramework build(ZkSettings s, Executor runSafe) {
        int n = CLIENTS.incrementAndGet();
        CuratorFrameworkFactory.Builder b = CuratorFrameworkFactory.builder()
                .connectString(s.connect())
                .namespace(s.namespace())
                .sessionTimeoutMs((int) s.sessionTimeout().toMillis())
                // Curator's per-attempt wait; open() still waits the whole connect timeout
                .connectionTimeoutMs(connectionTimeoutMs(s))
                .maxCloseWaitMs((int) Math.min(Integer.MAX_VALUE, s.requestTimeout().toMillis()))
                // Curator retries a request only within the request time-out: Sextant retries beyond it
                .retryPolicy(new RetryUntilElapsed((int) Math.min(Integer.MAX_VALUE, s.requestTimeout().toMillis()), 250))
                .ensembleTracker(false)
                .zkClientConfig(s.clientConfig())
                .threadFactory(daemonThreads("sextant-zk-" + n + "-"))
                .runSafeService(runSafe)
                .aclProvider(s.protectsRecords() ? new RegistryAclProvider(s.namespace(), s.customAcl())
                        : new DefaultACLProvider());
        if (s.hasAuth()) {
            b.authorization("digest", s.digestAuth());
        }
        return b.build();
    }

    /** Curator's wait for a connection before a request counts as failed (and is retried). */
    static int connectionTimeoutMs(ZkSettings s) {
        return (int) Math.min(s.connectTimeout().toMillis(), s.sessionTimeout().toMillis());
    }

    /** Starts {@code client} and waits for the first connection, within the connect timeout. */
    static void connect(CuratorFramework client, ZkSettings s) {
        long deadline = System.nanoTime() + s.connectTimeout().toNanos();
        client.start();
        try {
            if (!client.blockUntilConnected((int) s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BackendUnavailableException("Cannot connect to ZooKeeper at " + s.connect() + " within "
                        + s.connectTimeout() + (s.tls() ? " (TLS)" : ""));
            }
            probe(client, s, Math.max(1, deadline - System.nanoTime()));
            logSession(client, s);
            if (!s.protectsRecords()) {
                LOG.warn("ZooKeeper records under /{} are not protected: without sextant.auth.user/password or "
                        + "sextant.zookeeper.acl anyone who reaches {} can delete or overwrite them", s.namespace(), s.connect());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new BackendUnavailableException("Interrupted while connecting to ZooKeeper at " + s.connect(), e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    // One read proves the session works and the credentials were accepted (AUTH_FAILED shows here).
    private static void probe(CuratorFramework client, ZkSettings s, long nanos) throws InterruptedException {
        CompletableFuture<Integer> rc = new CompletableFuture<>();
        try {
            client.checkExists().inBackground((c, event) -> rc.complete(event.getResultCode())).forPath("/");
            int code = rc.get(nanos, TimeUnit.NANOSECONDS);
            if (code == KeeperException.Code.AUTHFAILED.intValue()
                    || code == KeeperException.Code.SESSIONCLOSEDREQUIRESASLAUTH.intValue()) {
                throw new BackendUnavailableException("ZooKeeper at " + s.connect() + (s.hasAuth()
                        ? " refused the credentials of user '" + s.authUser() + "'"
                        : " requires authentication; set sextant.auth.user and sextant.auth.password"));
            }
            if (code != KeeperException.Code.OK.intValue()) {
                throw new BackendUnavailableException("ZooKeeper at " + s.connect() + " failed the first request: "
                        + KeeperException.Code.get(code));
            }
        } catch (TimeoutException e) {
            throw new BackendUnavailableException("ZooKeeper at " + s.connect() + " did not answer within "
                    + s.connectTimeout(), e);
        } catch (ExecutionException e) {
            throw new BackendUnavailableException("ZooKeeper at " + s.connect() + " failed the first request", e);
        } catch (InterruptedException e) {
            throw e;
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new BackendUnavailableException("ZooKeeper at " + s.connect() + " failed the first request", e);
        }
    }

    private static void logSession(CuratorFramework client, ZkSettings s) {
        try {
            int negotiated = client.getZookeeperClient().getZooKeeper().getSessionTimeout();
            if (negotiated != s.sessionTimeout().toMillis()) {
                LOG.warn("ZooKeeper at {} negotiated a session timeout of {} ms instead of the {} ms asked "
                        + "(server minSessionTimeout/maxSessionTimeout)", s.connect(), negotiated,
                        s.sessionTimeout().toMillis());
            }
            LOG.info("Connected to ZooKeeper at {} (namespace /{}, session 0x{}, timeout {} ms{})", s.connect(),
                    s.namespace(), Long.toHexString(client.getZookeeperClient().getZooKeeper().getSessionId()),
                    negotiated, s.hasAuth() ? ", user " + s.authUser() : "");
        } catch (Exception e) {
            LOG.debug("Could not read the session of {}", s.connect(), e);
        }
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
