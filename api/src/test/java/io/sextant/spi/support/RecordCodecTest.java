package io.sextant.spi.support;

import io.sextant.InstanceStatus;
import io.sextant.InvalidRecordException;
import io.sextant.ServiceInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    private static final ServiceInstance FULL = ServiceInstance.builder("orders").id("i-1").host("10.0.0.5")
            .port(8080).zone("eu-1a").weight(42).status(InstanceStatus.DRAINING)
            .metadata(Map.of("version", "1.2.3", "ü", "ß")).registeredAt(Instant.parse("2026-01-02T03:04:05.678Z"))
            .build();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTripsEveryField() {
        assertThat(RecordCodec.decode("/services/orders/i-1", RecordCodec.encode(FULL))).isEqualTo(FULL);
    }

    @Test
    void writesFormatVersionOneAsDocumented() {
        String json = new String(RecordCodec.encode(FULL), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"v\":1,\"service\":\"orders\",\"id\":\"i-1\",\"host\":\"10.0.0.5\",\"port\":8080,"
                + "\"zone\":\"eu-1a\",\"weight\":42,\"status\":\"DRAINING\",\"metadata\":{");
        assertThat(json).endsWith("\"registeredAt\":\"2026-01-02T03:04:05.678Z\"}");
    }

    @Test
    void ignoresUnknownFieldsAndAcceptsNewerVersions() {
        ServiceInstance i = RecordCodec.decode(utf8("{\"v\":2,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\","
                + "\"port\":1,\"future\":{\"deep\":[1,2]},\"weight\":5}"));
        assertThat(i.id()).isEqualTo("x");
        assertThat(i.weight()).isEqualTo(5);
        assertThat(i.status()).isEqualTo(InstanceStatus.UP);
        assertThat(i.registeredAt()).isEqualTo(Instant.EPOCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[1,2]",
            "\"text\"",
            "null",
            "{}",
            "{\"v\":0,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1}",
            "{\"v\":\"1\",\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1}",
            "{\"v\":1.5,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1}",
            "{\"v\":1,\"id\":\"x\",\"host\":\"h\",\"port\":1}",
            "{\"v\":1,\"service\":\"Orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":70000}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":99999999999}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":\"80\"}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1,\"status\":\"SLEEPING\"}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1,\"metadata\":{\"a\":1}}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1,\"metadata\":[]}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1,\"registeredAt\":\"yesterday\"}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1,\"weight\":-3}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"\",\"port\":1}",
            "{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":1",
    })
    void rejectsBadRecordsWithTheTypedExceptionOnly(String text) {
        assertThatThrownBy(() -> RecordCodec.decode("/services/orders/x", utf8(text)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageStartingWith("invalid record at '/services/orders/x': ")
                .extracting(e -> ((InvalidRecordException) e).key()).isEqualTo("/services/orders/x");
    }

    @Test
    void messagesNameTheField() {
        assertThatThrownBy(() -> RecordCodec.decode("k", utf8("{\"v\":1,\"service\":\"orders\",\"id\":\"x\",\"host\":\"h\",\"port\":70000}")))
                .hasMessageContaining("port must be in 1..65535, got 70000");
        assertThatThrownBy(() -> RecordCodec.decode("k", utf8("{\"v\":1,\"service\":\"orders\",\"host\":\"h\",\"port\":1}")))
                .hasMessageContaining("field 'id' is missing");
    }

    @Test
    void rejectsNullAndOversizedValues() {
        assertThatThrownBy(() -> RecordCodec.decode("k", null)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("empty value");
        byte[] huge = new byte[RecordCodec.MAX_RECORD_BYTES + 1];
        assertThatThrownBy(() -> RecordCodec.decode("k", huge)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("exceeds");
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "{\"v\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> RecordCodec.decode("k", utf8(deep))).isInstanceOf(InvalidRecordException.class);
    }
}
