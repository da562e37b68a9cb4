package io.sextant.etcd;

import io.etcd.jetcd.ByteSequence;
import io.sextant.spi.support.Checks;

import java.nio.charset.StandardCharsets;

/** Maps namespace-relative keys to etcd keys ({@code /<namespace>} prepended) and back. */
final class KeyMapper {
    private final String root;
    private final int rootLength;

    KeyMapper(String namespace) {
        this.root = "/" + namespace;
        this.rootLength = root.length();
    }

    /** A key such as {@code /services/a/i-1}: starts with '/', does not end with '/'. */
    ByteSequence key(String key) {
        Checks.notNull("key", key);
        if (!key.startsWith("/") || key.endsWith("/") || key.contains("//")) {
            throw new IllegalArgumentException("key must start with '/', not end with '/' and have no empty segment, got '"
                    + Checks.abbreviate(key) + "'");
        }
        return bytes(root + key);
    }

    /** A prefix such as {@code /services/a/}: starts and ends with '/'. */
    ByteSequence prefix(String prefix) {
        Checks.notNull("prefix", prefix);
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must start and end with '/', got '"
                    + Checks.abbreviate(prefix) + "'");
        }
        return bytes(root + prefix);
    }

    /** The namespace-relative form of an etcd key of this namespace. */
    String relative(ByteSequence etcdKey) {
        String full = etcdKey.toString(StandardCharsets.UTF_8);
        return full.startsWith(root) ? full.substring(rootLength) : full;
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
