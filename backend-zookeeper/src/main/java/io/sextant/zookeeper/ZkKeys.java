package io.sextant.zookeeper;

/** Checks of keys and prefixes given to the backend. */
final class ZkKeys {
    private ZkKeys() {
    }

    static String requireKey(String key) {
        if (key == null || !key.startsWith("/") || key.endsWith("/") || key.contains("//") || key.length() < 2) {
            throw new IllegalArgumentException("key must be an absolute path like /services/orders/i-1 with no empty "
                    + "segment and no trailing '/', got '" + key + "'");
        }
        return key;
    }

    static String requirePrefix(String prefix) {
        if (prefix == null || !prefix.startsWith("/") || !prefix.endsWith("/") || prefix.contains("//")) {
            throw new IllegalArgumentException("prefix must be an absolute path ending with '/', like /services/orders/, "
                    + "got '" + prefix + "'");
        }
        return prefix;
    }

    static byte[] requireValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        return value;
    }
}
