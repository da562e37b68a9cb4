package io.sextant.internal;

/** The key layout: {@code /services/<service>/<instanceId>}, relative to the namespace. */
public final class Keys {
    public static final String SERVICES = "/services/";

    private Keys() {
    }

    public static String servicePrefix(String service) {
        return SERVICES + service + "/";
    }

    public static String instanceKey(String service, String id) {
        return SERVICES + service + "/" + id;
    }

    /** The last path segment of {@code key}. */
    public static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** The service segment of an instance key, or {@code null} when {@code key} is not one. */
    public static String serviceOf(String key) {
        if (!key.startsWith(SERVICES)) {
            return null;
        }
        int slash = key.indexOf('/', SERVICES.length());
        if (slash < 0 || key.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        return key.substring(SERVICES.length(), slash);
    }
}
