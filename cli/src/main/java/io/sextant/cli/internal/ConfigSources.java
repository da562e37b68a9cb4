package io.sextant.cli.internal;

import io.sextant.SextantConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Merges the three configuration sources with the library's keys: {@code SEXTANT_*} environment
 * variables, then a {@code --config} properties file over them, then flags over both.
 */
public final class ConfigSources {
    private static final String PREFIX = "sextant.";

    private ConfigSources() {
    }

    /** The {@code sextant.*} keys of the {@code SEXTANT_*} variables ({@code SEXTANT_A_B} is {@code sextant.a.b}). */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> keys = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("SEXTANT_") && name.length() > "SEXTANT_".length()) {
                keys.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return keys;
    }

    /**
     * The {@code sextant.*} keys of a properties file; other keys are ignored.
     *
     * @throws CliException (usage) when the file cannot be read
     */
    public static Map<String, String> fromFile(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw CliException.usage("--config: no such file '" + file + "'");
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.usage("--config: cannot read '" + file + "': " + e.getMessage());
        }
        Map<String, String> keys = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                keys.put(name, p.getProperty(name));
            }
        }
        return keys;
    }

    /** {@code environment}, then {@code file} over it, then {@code flags} over both. */
    public static Map<String, String> merge(Map<String, String> environment, Map<String, String> file,
                                            Map<String, String> flags) {
        Map<String, String> merged = new TreeMap<>(environment);
        merged.putAll(file);
        merged.putAll(flags);
        return merged;
    }

    /**
     * Builds the library's configuration from merged keys.
     *
     * @throws CliException (usage) when no backend is named
     * @throws IllegalArgumentException naming the key whose value breaks its rule
     */
    public static SextantConfig toConfig(Map<String, String> keys) {
        if (keys.get(SextantConfig.BACKEND) == null || keys.get(SextantConfig.BACKEND).isBlank()) {
            throw CliException.usage("no backend configured: pass --backend etcd|zookeeper"
                    + " (or set SEXTANT_BACKEND, or sextant.backend in a --config file)");
        }
        SextantConfig.Builder b = SextantConfig.builder();
        keys.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                throw CliException.usage("configuration keys start with 'sextant.', got '" + k + "'");
            }
            b.set(k, v);
        });
        return b.build();
    }
}
