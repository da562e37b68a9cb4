package io.sextant.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sextant.ServiceInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** JSON output with stable field names: one document per call of {@link #write}. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    private Json() {
    }

    /** {@code value} as compact JSON on one line. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** An instance's fields: service, id, host, port, address, zone, weight, status, metadata, registeredAt, ageSeconds. */
    public static Map<String, Object> instance(ServiceInstance i, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", i.service());
        m.put("id", i.id());
        m.put("host", i.host());
        m.put("port", i.port());
        m.put("address", i.address());
        m.put("zone", i.zone());
        m.put("weight", i.weight());
        m.put("status", i.status().name());
        m.put("metadata", new TreeMap<>(i.metadata()));
        m.put("registeredAt", i.registeredAt().toString());
        m.put("ageSeconds", Math.max(0, Duration.between(i.registeredAt(), now).getSeconds()));
        return m;
    }
}
