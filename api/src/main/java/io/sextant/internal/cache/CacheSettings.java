package io.sextant.internal.cache;

import io.sextant.SextantConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a cache protects its set and where it keeps its snapshot file.
 *
 * @param massDropThreshold share of a set that may disappear at once while the connection is unstable
 * @param settleWindow      how long after a reconnect or a resync snapshot the connection counts as unstable
 * @param requestTimeout    bound of one backend read
 * @param snapshotFile      the snapshot file, or {@code null} when off
 */
public record CacheSettings(double massDropThreshold, Duration settleWindow, Duration requestTimeout,
                            Path snapshotFile) {
    /**
     * Config key of {@link #settleWindow()}; default the TTL plus 2 s. After a cluster comes back, the
     * records of sessions or leases that died during the outage are deleted up to one TTL later (ZooKeeper
     * restarts the session timers of the sessions it reloads), and their owners put them back within about
     * a second and a half; a mass drop inside that window is a side effect of the outage, not a fleet
     * leaving, so it waits for a read made after it.
     */
    public static final String SETTLE_WINDOW = "sextant.cache.settle.window";

    /** The settings of {@code config} for the cache of {@code service}. */
    public static CacheSettings from(SextantConfig config, String service) {
        String dir = config.snapshotDir();
        Path file = dir == null ? null : Path.of(dir).resolve(config.namespace() + "--" + service + ".json");
        return new CacheSettings(config.massDropThreshold(), config.duration(SETTLE_WINDOW, config.ttl().plusSeconds(2)),
                config.requestTimeout(), file);
    }
}
