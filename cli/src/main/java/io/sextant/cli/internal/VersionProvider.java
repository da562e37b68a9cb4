package io.sextant.cli.internal;

import io.sextant.spi.BackendProvider;
import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** {@code sextant --version}: the build's version, the Java runtime and the backends on the class path. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        TreeSet<String> backends = new TreeSet<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.isAvailable()) {
                backends.add(p.name());
            }
        }
        return new String[] {
            "sextant " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
            "backends: " + String.join(", ", backends)
        };
    }

    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/io/sextant/cli/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
