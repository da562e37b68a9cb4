package io.sextant.spi.support;

import io.sextant.InstanceStatus;
import io.sextant.InvalidRecordException;
import io.sextant.ServiceInstance;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever bytes arrive from a backend, the codec either decodes them or throws its typed exception. */
class RecordCodecPropertiesTest {

    @Property(tries = 2000)
    void randomBytesNeverEscapeExceptAsTypedException(@ForAll @Size(max = 512) byte[] bytes) {
        assertDecodesOrRejects(bytes);
    }

    @Property(tries = 2000)
    void randomJsonNeverEscapesExceptAsTypedException(@ForAll("json") String json) {
        assertDecodesOrRejects(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void mutatedValidRecordsNeverEscape(@ForAll("instances") ServiceInstance instance,
                                        @ForAll @Size(min = 1, max = 8) java.util.List<@net.jqwik.api.constraints.IntRange(min = 0, max = 4095) Integer> positions,
                                        @ForAll byte replacement) {
        byte[] bytes = RecordCodec.encode(instance);
        for (int p : positions) {
            bytes[p % bytes.length] = replacement;
        }
        assertDecodesOrRejects(bytes);
    }

    @Property(tries = 1000)
    void validInstancesRoundTrip(@ForAll("instances") ServiceInstance instance) {
        assertThat(RecordCodec.decode(RecordCodec.encode(instance))).isEqualTo(instance);
    }

    private static void assertDecodesOrRejects(byte[] bytes) {
        try {
            ServiceInstance decoded = RecordCodec.decode("k", bytes);
            // Anything accepted must be a valid instance that encodes and decodes to itself.
            assertThat(RecordCodec.decode(RecordCodec.encode(decoded))).isEqualTo(decoded);
        } catch (InvalidRecordException expected) {
            assertThat(expected.key()).isEqualTo("k");
        }
    }

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> '"' + s.replace("\\", "").replace("\"", "") + '"'),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "\"UP\"", "\"orders\"", "\"2026-01-01T00:00:00Z\"", "{}", "[]"));
        Arbitrary<String> fieldNames = Arbitraries.of("v", "service", "id", "host", "port", "zone", "weight", "status",
                "metadata", "registeredAt", "x");
        Arbitrary<String> field = Combinators.combine(fieldNames, scalars).as((k, v) -> '"' + k + "\":" + v);
        return field.list().ofMaxSize(12).map(fields -> "{" + String.join(",", fields) + "}");
    }

    @Provide
    Arbitrary<ServiceInstance> instances() {
        Arbitrary<String> service = Arbitraries.strings().withChars("abcxyz019._-").ofMinLength(1).ofMaxLength(20)
                .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
        Arbitrary<String> id = Arbitraries.strings().withChars("ABCabc0129._:@-").ofMinLength(1).ofMaxLength(40);
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(10), Arbitraries.strings().ofMaxLength(20)).ofMaxSize(5);
        return Combinators.combine(service, id, Arbitraries.integers().between(1, 65535),
                        Arbitraries.integers().between(0, 10_000), Arbitraries.of(InstanceStatus.class), metadata,
                        Arbitraries.longs().between(0, 4_000_000_000L))
                .as((s, i, port, weight, status, meta, secs) -> ServiceInstance.builder(s).id(i).host("host-" + port)
                        .port(port).weight(weight).status(status).metadata(meta)
                        .registeredAt(Instant.ofEpochSecond(secs, port)).build());
    }
}
