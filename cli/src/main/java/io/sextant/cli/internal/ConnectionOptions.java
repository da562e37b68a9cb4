package io.sextant.cli.internal;

import io.sextant.SextantConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the registry is and how to talk to it: flags for the common keys, {@code -o key=value} for
 * any other, over a {@code --config} file, over {@code SEXTANT_*} environment variables.
 */
public final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--backend", paramLabel = "NAME", description = "etcd, zookeeper or memory (sextant.backend).")
    String backend;

    @Option(names = "--endpoints", paramLabel = "LIST", description = {
        "etcd: URLs such as http://10.0.0.1:2379,http://10.0.0.2:2379 (sextant.etcd.endpoints);",
        "ZooKeeper: host:port,host:port (sextant.zookeeper.connect).",
        "Without --backend, http(s):// URLs mean etcd and host:port pairs ZooKeeper."})
    String endpoints;

    @Option(names = "--namespace", paramLabel = "NAME", description = "Key prefix (etcd) or chroot (ZooKeeper); default sextant.")
    String namespace;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "etcd lease TTL / ZooKeeper session timeout, e.g. 10s.")
    String ttl;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "Wait at most this for the first connection; default 5s.")
    String connectTimeout;

    @Option(names = "--request-timeout", paramLabel = "DURATION", description = "Wait at most this for one request; default 5s.")
    String requestTimeout;

    @Option(names = "--user", paramLabel = "NAME", description = "etcd user / ZooKeeper digest identity (sextant.auth.user).")
    String user;

    @Option(names = "--password", paramLabel = "SECRET", description = "Its password (sextant.auth.password); prefer SEXTANT_AUTH_PASSWORD.")
    String password;

    @Option(names = "--tls-ca", paramLabel = "FILE", description = "etcd TLS: CA certificate (sextant.tls.ca).")
    String tlsCa;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "etcd TLS: client certificate (sextant.tls.cert).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "etcd TLS: client key, PKCS#8 (sextant.tls.key).")
    String tlsKey;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A properties file of sextant.* keys.")
    Path configFile;

    @Option(names = {"-o", "--set"}, paramLabel = "KEY=VALUE", description = "Any sextant.* key, e.g. -o sextant.zookeeper.tls.enabled=true.")
    Map<String, String> extra = new LinkedHashMap<>();

    /** The merged keys (flags over file over environment), without validation. */
    public Map<String, String> keys() {
        CliContext context = RootCommand.context(mixee);
        Map<String, String> env = ConfigSources.fromEnvironment(context.environment());
        Map<String, String> file = configFile == null ? Map.of() : ConfigSources.fromFile(configFile);
        Map<String, String> flags = new TreeMap<>(extra);
        put(flags, SextantConfig.BACKEND, backend);
        put(flags, SextantConfig.NAMESPACE, namespace);
        put(flags, SextantConfig.TTL, ttl);
        put(flags, SextantConfig.CONNECT_TIMEOUT, connectTimeout);
        put(flags, SextantConfig.REQUEST_TIMEOUT, requestTimeout);
        put(flags, "sextant.auth.user", user);
        put(flags, "sextant.auth.password", password);
        put(flags, "sextant.tls.ca", tlsCa);
        put(flags, "sextant.tls.cert", tlsCert);
        put(flags, "sextant.tls.key", tlsKey);
        Map<String, String> merged = ConfigSources.merge(env, file, flags);
        if (endpoints != null) {
            String b = merged.get(SextantConfig.BACKEND);
            if (b == null) {
                b = endpoints.strip().matches("(?i)https?://.*") ? "etcd" : "zookeeper";
                merged.put(SextantConfig.BACKEND, b);
            }
            switch (b) {
                case "etcd" -> merged.put("sextant.etcd.endpoints", endpoints);
                case "zookeeper" -> merged.put("sextant.zookeeper.connect", endpoints);
                default -> throw CliException.usage("--endpoints applies to etcd and zookeeper, not backend '" + b + "'");
            }
        }
        return merged;
    }

    /** The library configuration these options describe. */
    public SextantConfig config() {
        return ConfigSources.toConfig(keys());
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
