package io.sextant.zookeeper;

import io.sextant.spi.support.InFlightLimit;

import io.sextant.spi.support.SerialExecutor;

import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendProvider;
import org.apache.curator.framework.CuratorFramework;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code zookeeper} backend: registrations are ephemeral znodes under the namespace chroot, written and
 * kept on Curator's background API, watches are Curator caches. See the package documentation
 * for its configuration keys, its ACLs and how it tells records from structure nodes.
 *
 * <p>{@link #open} blocks until the first connection, at most {@link BackendConfig#connectTimeout()};
 * the session timeout is {@link BackendConfig#ttl()} (the server may clamp it to its own bounds, which
 * is logged). Stateless and thread-safe.
 */
public final class ZooKeeperBackendProvider implements BackendProvider {
    /** The default of {@value InFlightLimit#KEY} on ZooKeeper: well below what one server serves without refusing. */
    static final int DEFAULT_MAX_IN_FLIGHT = 256;

    private static final int IO_THREADS = 4;
    private static final int IO_QUEUE = 100_000;

    /** Used by {@link java.util.ServiceLoader}. */
    public ZooKeeperBackendProvider() {
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public boolean isAvailable() {
        try {
            Class.forName("org.apache.curator.framework.CuratorFramework", false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Connects to {@code sextant.zookeeper.connect}.
     *
     * @throws IllegalArgumentException when a key is missing or malformed, naming the key
     * @throws io.sextant.BackendUnavailableException when the ensemble cannot be reached within the connect
     *     timeout or refuses the credentials, naming the connect string
     */
    @Override
    public Backend open(BackendConfig config) {
        ZkSettings settings = ZkSettings.from(config);
        int maxInFlight = InFlightLimit.parse(config.property(InFlightLimit.KEY), DEFAULT_MAX_IN_FLIGHT);
        ExecutorService io = ioThreads();
        InFlightLimit limit = new InFlightLimit(maxInFlight, io);
        CuratorFramework client = ZkClientFactory.build(settings, new SerialExecutor(io));
        ConnectionStateRelay relay = new ConnectionStateRelay(new SerialExecutor(io), settings.connect());
        ZooKeeperBackend backend = new ZooKeeperBackend(settings, client, io, limit, relay);
        client.getConnectionStateListenable().addListener(relay);
        try {
            ZkClientFactory.connect(client, settings);
        } catch (RuntimeException e) {
            io.shutdownNow();
            throw e;
        }
        return backend;
    }

    /**
     * The backend's own threads: a fixed few on which answers, watch events and state changes are handed
     * to callers (nothing on them waits for ZooKeeper). Its queue holds at most the requests in flight
     * plus watch events; should it ever fill, the ZooKeeper thread that hands work on runs it itself.
     */
    private static ExecutorService ioThreads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(IO_QUEUE), ZkClientFactory.daemonThreads("sextant-zk-io-"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
