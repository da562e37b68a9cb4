package io.sextant.console.internal;

import io.sextant.CacheHealth;
import io.sextant.ConnectionStateChangedEvent;
import io.sextant.InstanceSet;
import io.sextant.Registry;
import io.sextant.RegistryEvent;
import io.sextant.RegistryHealth;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON documents of the read endpoints, as maps with stable field names. */
final class Views {
    /** Configuration keys whose values name the backend's endpoints (never credentials). */
    private static final List<String> ENDPOINT_KEYS = List.of("sextant.etcd.endpoints", "sextant.zookeeper.connect",
            "sextant.memory.server");

    private final Registry registry;
    private final Catalog catalog;

    Views(Registry registry, Catalog catalog) {
        this.registry = registry;
        this.catalog = catalog;
    }

    Map<String, Object> services() {
        Instant now = Instant.now();
        List<Map<String, Object>> list = new ArrayList<>();
        for (String name : catalog.names()) {
            Catalog.Entry e = catalog.entry(name);
            if (e == null) {
                continue;
            }
            InstanceSet set = e.cache().snapshot();
            Map<String, Integer> byZone = new TreeMap<>();
            Map<String, Integer> byStatus = new TreeMap<>();
            int up = 0;
            for (ServiceInstance i : set.instances()) {
                byZone.merge(i.zone(), 1, Integer::sum);
                byStatus.merge(i.status().name(), 1, Integer::sum);
                up += i.isPickable() ? 1 : 0;
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", name);
            doc.put("instances", set.size());
            doc.put("pickable", up);
            doc.put("byZone", byZone);
            doc.put("byStatus", byStatus);
            doc.put("ready", e.cache().isReady());
            doc.put("stale", set.isStale());
            doc.put("staleForMillis", millis(set.staleSince(), now));
            doc.put("updatedAt", e.updatedAt().get().toString());
            doc.put("updatedAgoMillis", millis(e.updatedAt().get(), now));
            doc.put("revision", set.revision());
            doc.put("corruptRecords", e.cache().corruptRecordCount());
            list.add(doc);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("namespace", registry.config().namespace());
        doc.put("backend", registry.config().backend());
        doc.put("at", now.toString());
        doc.put("services", list);
        return doc;
    }

    Map<String, Object> instances(String service) {
        Catalog.Entry e = entry(service);
        InstanceSet set = e.cache().snapshot();
        Instant now = Instant.now();
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceInstance i : set.instances()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", i.id());
            doc.put("address", i.address());
            doc.put("host", i.host());
            doc.put("port", i.port());
            doc.put("zone", i.zone());
            doc.put("weight", i.weight());
            doc.put("status", i.status().name());
            doc.put("metadata", i.metadata());
            doc.put("registeredAt", i.registeredAt().toString());
            doc.put("registeredForMillis", millis(i.registeredAt(), now));
            Instant changed = e.lastChange().get(i.id());
            doc.put("lastChange", (changed == null ? i.registeredAt() : changed).toString());
            list.add(doc);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("service", service);
        doc.put("revision", set.revision());
        doc.put("stale", set.isStale());
        doc.put("staleForMillis", millis(set.staleSince(), now));
        doc.put("at", now.toString());
        doc.put("instances", list);
        return doc;
    }

    Map<String, Object> health() {
        RegistryHealth h = registry.health();
        SextantConfig config = registry.config();
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String key : ENDPOINT_KEYS) {
            String v = config.property(key);
            if (v != null) {
                endpoints.put(key, v);
            }
        }
        List<Map<String, Object>> caches = new ArrayList<>();
        for (CacheHealth c : h.caches()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("service", c.service());
            doc.put("instances", c.instances());
            doc.put("ready", c.ready());
            doc.put("stale", c.stale());
            doc.put("staleForMillis", c.staleFor() == null ? 0 : c.staleFor().toMillis());
            doc.put("corruptRecords", c.corruptRecords());
            caches.add(doc);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backend", h.backend());
        doc.put("endpoints", endpoints);
        doc.put("namespace", config.namespace());
        doc.put("connection", h.connection().name());
        doc.put("connectionSince", h.connectionSince() == null ? null : h.connectionSince().toString());
        doc.put("healthy", h.isHealthy());
        doc.put("registrations", h.registrations());
        doc.put("pending", h.pending());
        doc.put("awaitingRepair", h.awaitingRepair());
        doc.put("caches", caches);
        return doc;
    }

    /** A registry event for the feed: its type, service (or null), time, and its fields as text. */
    static Map<String, Object> event(RegistryEvent e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", e.getClass().getSimpleName());
        doc.put("service", e.service());
        doc.put("at", e.at() == null ? Instant.now().toString() : e.at().toString());
        doc.put("detail", e instanceof ConnectionStateChangedEvent c
                ? c.previous() + " -> " + c.current() : fields(e.toString()));
        return doc;
    }

    /** A record's fields without its name, service and time (shown apart): "added=1, removed=0, ...". */
    static String fields(String text) {
        int open = text.indexOf('[');
        if (open < 0 || !text.endsWith("]")) {
            return text;
        }
        return text.substring(open + 1, text.length() - 1)
                .replaceAll("(^|, )service=[^,]*", "")
                .replaceAll("(^|, )at=[^,]*$", "")
                .replaceFirst("^, ", "");
    }

    Catalog.Entry entry(String service) {
        if (service == null || service.isEmpty()) {
            throw new HttpError(400, "the query parameter 'service' is required");
        }
        Catalog.Entry e = catalog.entry(service);
        if (e == null) {
            throw new HttpError(404, "no service '" + service + "' is known to the console");
        }
        return e;
    }

    private static long millis(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis());
    }
}
