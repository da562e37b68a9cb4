package io.sextant.etcd;

import io.etcd.jetcd.Client;
import io.sextant.BackendUnavailableException;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendProvider;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code etcd} backend, on jetcd. Keys read from the configuration:
 * <ul>
 *   <li>{@code sextant.etcd.endpoints} (required): comma-separated client URLs, all {@code http://} or
 *   all {@code https://}, e.g. {@code http://10.0.0.1:2379,http://10.0.0.2:2379}</li>
 *   <li>{@code sextant.tls.ca}, {@code sextant.tls.cert}, {@code sextant.tls.key}: PEM files of the
 *   trusted CA, the client certificate and its PKCS#8 key (https endpoints)</li>
 *   <li>{@code sextant.auth.user}, {@code sextant.auth.password}: etcd user credentials</li>
 *   <li>{@code sextant.backend.max.in.flight} (default 64): key-value requests in flight at once; more wait
 *   their turn in arrival order, never refused (keep-alives never wait behind them)</li>
 * </ul>
 * Every key lives under {@code /<namespace>}. All ephemeral keys of one opened backend share one lease
 * of {@link BackendConfig#ttl()} (whole seconds, rounded up), kept alive at a third of the TTL; a lost
 * lease is replaced and every open key re-put. Watches ask for progress notifications: set the members'
 * {@code --experimental-watch-progress-notify-interval} (10 minutes by default) below the compaction
 * retention and a quiet prefix resumes after a leader change without a full read.
 *
 * <p>Stateless and thread-safe.
 */
public final class EtcdBackendProvider implements BackendProvider {

    /** Used by {@link java.util.ServiceLoader}. */
    public EtcdBackendProvider() {
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public boolean isAvailable() {
        try {
            Class.forName("io.etcd.jetcd.Client", false, EtcdBackendProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Connects and grants the backend's lease, waiting at most the connect time-out.
     *
     * @throws IllegalArgumentException    when a key is missing or malformed, naming it
     * @throws BackendUnavailableException when no endpoint answers within the connect time-out or the
     *                                     cluster refuses the credentials, naming the endpoints
     */
    /**
     * A plain-text client talking to a TLS port sees the connection closed without a reason ("Network
     * closed for unknown reason"): say what the likely cause is.
     */
    static String tlsHint(EtcdSettings settings, Throwable cause) {
        boolean plain = !settings.tls();
        String text = String.valueOf(Failures.describe(cause)).toLowerCase(java.util.Locale.ROOT);
        if (plain && (text.contains("network closed") || text.contains("connection reset")
                || text.contains("unexpected eof") || text.contains("channel closed"))) {
            return "; the server may expect TLS: use https:// endpoints (and sextant.tls.ca)";
        }
        return "";
    }

    @Override
    public Backend open(BackendConfig config) {
        EtcdSettings settings = EtcdSettings.from(config);
        BackendThreads threads = BackendThreads.create();
        Client client;
        try {
            client = EtcdClientFactory.create(settings, threads.jetcd());
        } catch (RuntimeException e) {
            threads.shutdown();
            throw e;
        }
        EtcdBackend backend = new EtcdBackend(client, settings, Seams.system(), threads);
        try {
            backend.start().get(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return backend;
        } catch (TimeoutException e) {
            backend.shutdown();
            throw new BackendUnavailableException("etcd " + settings.endpointList() + " not reachable within "
                    + settings.connectTimeout() + " (connect timeout)", e);
        } catch (ExecutionException e) {
            backend.shutdown();
            Throwable cause = Failures.unwrap(e);
            if (Failures.isAuth(cause)) {
                throw new BackendUnavailableException("etcd " + settings.endpointList() + " refused the credentials"
                        + (settings.user() == null ? " (no user configured)" : " of user '" + settings.user() + "'")
                        + ": " + Failures.describe(cause), cause);
            }
            throw new BackendUnavailableException("etcd " + settings.endpointList() + " not reachable: "
                    + Failures.describe(cause) + tlsHint(settings, cause), cause);
        } catch (InterruptedException e) {
            backend.shutdown();
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while connecting to etcd " + settings.endpointList(), e);
        } catch (RuntimeException e) {
            backend.shutdown();
            throw e;
        }
    }
}
