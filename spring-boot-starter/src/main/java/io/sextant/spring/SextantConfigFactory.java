package io.sextant.spring;

import io.sextant.BackendUnavailableException;
import io.sextant.Registry;
import io.sextant.SextantConfig;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds a {@link SextantConfig} from {@link SextantProperties} and opens the registry, naming the property at fault. */
final class SextantConfigFactory {
    private static final Pattern LEADING_KEY = Pattern.compile("^(sextant\\.[a-z0-9.-]*[a-z0-9])");

    private SextantConfigFactory() {
    }

    static SextantConfig config(SextantProperties p) {
        SextantConfig.Builder b = SextantConfig.builder();
        for (Map.Entry<String, String> e : p.getOptions().entrySet()) {
            b.set("sextant." + e.getKey(), e.getValue());
        }
        if (p.getBackend() == null || p.getBackend().isBlank()) {
            throw new SextantConfigurationException(SextantConfig.BACKEND,
                    "no backend is named",
                    "Set 'sextant.backend' to etcd, zookeeper or memory (and its connection property, such as "
                            + "'sextant.etcd.endpoints' or 'sextant.zookeeper.connect'), or set 'sextant.enabled=false'.",
                    null);
        }
        b.set(SextantConfig.BACKEND, p.getBackend());
        b.set(SextantConfig.NAMESPACE, p.getNamespace());
        b.set(SextantConfig.TTL, text(p.getTtl()));
        b.set(SextantConfig.CONNECT_TIMEOUT, text(p.getConnect().getTimeout()));
        b.set(SextantConfig.REQUEST_TIMEOUT, text(p.getRequest().getTimeout()));
        Double threshold = p.getCache().getMassdrop().getThreshold();
        b.set(SextantConfig.MASS_DROP_THRESHOLD, threshold == null ? null : threshold.toString());
        b.set("sextant.cache.settle.window", text(p.getCache().getSettle().getWindow()));
        b.set(SextantConfig.SNAPSHOT_DIR, p.getCache().getSnapshot().getDir());
        b.set(SextantConfig.SUPERVISOR_INTERVAL, text(p.getSupervisor().getInterval()));
        Boolean offline = p.getStart().getOffline();
        b.set(SextantConfig.START_OFFLINE, offline == null ? null : offline.toString());
        b.set("sextant.memory.server", p.getMemory().getServer());
        if (!p.getEtcd().getEndpoints().isEmpty()) {
            b.set("sextant.etcd.endpoints", String.join(",", p.getEtcd().getEndpoints()));
        }
        b.set("sextant.zookeeper.connect", p.getZookeeper().getConnect());
        b.set("sextant.auth.user", p.getAuth().getUser());
        b.set("sextant.auth.password", p.getAuth().getPassword());
        b.set("sextant.tls.ca", p.getTls().getCa());
        b.set("sextant.tls.cert", p.getTls().getCert());
        b.set("sextant.tls.key", p.getTls().getKey());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw invalid(e, SextantConfig.BACKEND);
        }
    }

    static Registry open(SextantConfig config) {
        try {
            return Registry.open(config);
        } catch (IllegalArgumentException e) {
            throw invalid(e, SextantConfig.BACKEND);
        } catch (BackendUnavailableException e) {
            String key = connectionKey(config.backend());
            throw new SextantConfigurationException(key,
                    "the " + config.backend() + " backend could not be reached: " + e.getMessage(),
                    "Check that '" + key + "' names a running " + config.backend() + " cluster reachable from here"
                            + " (and 'sextant.auth.*' / 'sextant.tls.*' if it needs them), or raise 'sextant.connect.timeout'.",
                    e);
        }
    }

    /** The library names the key first in its messages ("sextant.etcd.endpoints must ..."). */
    private static SextantConfigurationException invalid(IllegalArgumentException e, String fallbackKey) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        Matcher m = LEADING_KEY.matcher(message);
        String key = m.find() ? m.group(1) : fallbackKey;
        return new SextantConfigurationException(key, message,
                "Fix '" + key + "' in the application's configuration (application.yml, application.properties "
                        + "or the environment).", e);
    }

    private static String connectionKey(String backend) {
        switch (backend) {
            case "etcd":
                return "sextant.etcd.endpoints";
            case "zookeeper":
                return "sextant.zookeeper.connect";
            default:
                return SextantConfig.BACKEND;
        }
    }

    private static String text(Duration d) {
        return d == null ? null : d.toString();
    }
}
