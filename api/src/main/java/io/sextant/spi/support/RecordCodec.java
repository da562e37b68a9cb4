package io.sextant.spi.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sextant.InstanceStatus;
import io.sextant.InvalidRecordException;
import io.sextant.ServiceInstance;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instance record format, version 1: UTF-8 JSON such as
 * {@code {"v":1,"service":"orders","id":"i-1","host":"10.0.0.5","port":8080,"zone":"eu-1a","weight":100,
 * "status":"UP","metadata":{},"registeredAt":"2026-01-01T00:00:00Z"}}.
 *
 * <p>Unknown fields are ignored so newer writers stay readable. Anything that does not parse or
 * validate becomes an {@link InvalidRecordException}; no other exception escapes {@link #decode}.
 *
 * <p>Public for backend authors and tools that read or write records directly (a migration, a
 * test that plants a record). Stateless and thread-safe.
 */
public final class RecordCodec {
    public static final int VERSION = 1;
    /** Largest record accepted; a valid one is far smaller (metadata is capped at 16 KiB). */
    public static final int MAX_RECORD_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(MAX_RECORD_BYTES).build())
            .build());

    private RecordCodec() {
    }

    /** The record of {@code instance}, as the registry writes it. */
    public static byte[] encode(ServiceInstance instance) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("v", VERSION);
        node.put("service", instance.service());
        node.put("id", instance.id());
        node.put("host", instance.host());
        node.put("port", instance.port());
        if (!instance.zone().isEmpty()) {
            node.put("zone", instance.zone());
        }
        node.put("weight", instance.weight());
        node.put("status", instance.status().name());
        ObjectNode meta = node.putObject("metadata");
        instance.metadata().forEach(meta::put);
        node.put("registeredAt", instance.registeredAt().toString());
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + instance, e);
        }
    }

    /** Decodes a record read without a key (for example from a snapshot file). */
    public static ServiceInstance decode(byte[] bytes) {
        return decode("?", bytes);
    }

    /**
     * Decodes the record stored at {@code key}.
     *
     * @throws InvalidRecordException for anything but a valid version-1 record
     */
    public static ServiceInstance decode(String key, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRecordException(key, "empty value", null);
        }
        if (bytes.length > MAX_RECORD_BYTES) {
            throw new InvalidRecordException(key, "value of " + bytes.length + " bytes exceeds " + MAX_RECORD_BYTES, null);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRecordException(key, "not JSON: " + e.getMessage(), e);
        }
        try {
            if (root == null || !root.isObject()) {
                throw new InvalidRecordException(key, "not a JSON object", null);
            }
            JsonNode v = root.get("v");
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < VERSION) {
                throw new InvalidRecordException(key, "field 'v' must be an integer format version >= 1", null);
            }
            ServiceInstance.Builder b = ServiceInstance.builder(text(key, root, "service", true))
                    .id(text(key, root, "id", true))
                    .host(text(key, root, "host", true))
                    .port(integer(key, root, "port", -1))
                    .zone(text(key, root, "zone", false))
                    .weight(integer(key, root, "weight", ServiceInstance.DEFAULT_WEIGHT))
                    .status(status(key, root))
                    .metadata(metadata(key, root))
                    .registeredAt(instant(key, root));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(key, e.getMessage(), e);
        }
    }

    private static String text(String key, JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new InvalidRecordException(key, "field '" + field + "' is missing", null);
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidRecordException(key, "field '" + field + "' must be a string", null);
        }
        return n.textValue();
    }

    private static int integer(String key, JsonNode root, String field, int absent) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (absent < 0) {
                throw new InvalidRecordException(key, "field '" + field + "' is missing", null);
            }
            return absent;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new InvalidRecordException(key, "field '" + field + "' must be a 32-bit integer", null);
        }
        return n.intValue();
    }

    private static InstanceStatus status(String key, JsonNode root) {
        String s = text(key, root, "status", false);
        if (s == null) {
            return InstanceStatus.UP;
        }
        try {
            return InstanceStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(key, "field 'status' must be UP, DRAINING or DOWN", e);
        }
    }

    private static Map<String, String> metadata(String key, JsonNode root) {
        JsonNode n = root.get("metadata");
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw new InvalidRecordException(key, "field 'metadata' must be an object of strings", null);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidRecordException(key, "metadata value of '" + Checks.abbreviate(e.getKey())
                        + "' must be a string", null);
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static Instant instant(String key, JsonNode root) {
        String s = text(key, root, "registeredAt", false);
        if (s == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(key, "field 'registeredAt' must be an ISO-8601 instant", e);
        }
    }
}
