package io.sextant.cli.internal;

import java.util.List;
import java.util.logging.Level;

/**
 * Quiet by default: a command's own output is the point, so library logs are off or at WARN, and
 * client libraries (ZooKeeper, Curator, netty, gRPC, Vert.x) are silent unless {@code --verbose}.
 * Must run before the first logger is created (slf4j-simple reads these properties once).
 */
public final class Logging {
    private static final List<String> CHATTY = List.of("org.apache.zookeeper", "org.apache.curator",
            "io.netty", "io.grpc", "io.vertx", "io.etcd");

    private Logging() {
    }

    /** Configures logging from the raw arguments ({@code --verbose}; the {@code demo} command silences everything else, its board is the output). */
    public static void configure(String[] args) {
        boolean verbose = List.of(args).contains("--verbose");
        boolean demo = args.length > 0 && args[0].equals("demo");
        set("org.slf4j.simpleLogger.logFile", "System.err");
        set("org.slf4j.simpleLogger.showDateTime", "true");
        set("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        set("org.slf4j.simpleLogger.showThreadName", "false");
        set("org.slf4j.simpleLogger.showShortLogName", "true");
        set("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : demo ? "off" : "warn");
        for (String name : CHATTY) {
            set("org.slf4j.simpleLogger.log." + name, verbose ? "warn" : "off");
        }
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(verbose ? Level.WARNING : Level.OFF);
    }

    private static void set(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
