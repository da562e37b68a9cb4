package io.sextant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceInstanceTest {

    private static ServiceInstance.Builder valid() {
        return ServiceInstance.builder("orders").id("i-1").host("10.0.0.5").port(8080);
    }

    @Test
    void defaultsAreFilledIn() {
        ServiceInstance i = ServiceInstance.builder("orders").host("h").port(1).build();
        assertThat(i.id()).hasSize(36);
        assertThat(i.weight()).isEqualTo(100);
        assertThat(i.status()).isEqualTo(InstanceStatus.UP);
        assertThat(i.zone()).isEmpty();
        assertThat(i.metadata()).isEmpty();
        assertThat(i.registeredAt()).isBeforeOrEqualTo(Instant.now());
        assertThat(i.isPickable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Orders", "-orders", ".x", "a/b", "a b", "orders!"})
    void serviceNameRuleIsEnforced(String bad) {
        assertThatThrownBy(() -> valid().service(bad).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service must match [a-z0-9]([a-z0-9._-]{0,62})")
                .hasMessageContaining("'" + bad + "'");
    }

    @Test
    void serviceNameLengthLimitIs63() {
        assertThat(valid().service("a".repeat(63)).build().service()).hasSize(63);
        assertThatThrownBy(() -> valid().service("a".repeat(64)).build())
                .hasMessageContaining("service must match");
    }

    @Test
    void nullServiceIsNamed() {
        assertThatThrownBy(() -> valid().service(null).build()).hasMessage("service must not be null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "a b", "x\n"})
    void idRuleIsEnforced(String bad) {
        assertThatThrownBy(() -> valid().id(bad).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("id must be 1 to 128 characters");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, Integer.MAX_VALUE})
    void portMustBeInRange(int port) {
        assertThatThrownBy(() -> valid().port(port).build())
                .hasMessage("port must be in 1..65535, got " + port);
    }

    @Test
    void portBoundsAreAccepted() {
        assertThat(valid().port(1).build().port()).isEqualTo(1);
        assertThat(valid().port(65535).build().port()).isEqualTo(65535);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10001})
    void weightMustBeInRange(int weight) {
        assertThatThrownBy(() -> valid().weight(weight).build())
                .hasMessage("weight must be in 0..10000, got " + weight);
    }

    @Test
    void weightZeroIsValidButNotPickable() {
        ServiceInstance i = valid().weight(0).build();
        assertThat(i.isPickable()).isFalse();
        assertThat(valid().status(InstanceStatus.DRAINING).build().isPickable()).isFalse();
    }

    @Test
    void hostRules() {
        assertThatThrownBy(() -> valid().host("").build()).hasMessage("host must not be empty");
        assertThatThrownBy(() -> valid().host(null).build()).hasMessage("host must not be null");
        assertThatThrownBy(() -> valid().host("a b").build()).hasMessageContaining("host must not contain whitespace");
        assertThatThrownBy(() -> valid().host("h".repeat(254)).build())
                .hasMessage("host must be at most 253 characters, got 254");
    }

    @Test
    void zoneRule() {
        assertThat(valid().zone("eu-1a").build().zone()).isEqualTo("eu-1a");
        assertThat(valid().zone(null).build().zone()).isEmpty();
        assertThatThrownBy(() -> valid().zone("eu 1").build()).hasMessageStartingWith("zone must be at most 64 characters");
    }

    @Test
    void metadataEntryLimitIs64() {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < 64; i++) {
            m.put("k" + i, "v");
        }
        assertThat(valid().metadata(m).build().metadata()).hasSize(64);
        m.put("k64", "v");
        assertThatThrownBy(() -> valid().metadata(m).build())
                .hasMessage("metadata must have at most 64 entries, got 65");
    }

    @Test
    void metadataByteLimitIs16KiB() {
        assertThat(valid().metadata(Map.of("k", "v".repeat(16 * 1024 - 1))).build().metadata()).hasSize(1);
        assertThatThrownBy(() -> valid().metadata(Map.of("k", "v".repeat(16 * 1024))).build())
                .hasMessage("metadata must encode to at most 16384 bytes (UTF-8 keys plus values), got 16385");
        // Multi-byte characters count in UTF-8 bytes, not chars.
        assertThatThrownBy(() -> valid().metadata(Map.of("k", "é".repeat(8192))).build())
                .hasMessageContaining("got 16385");
    }

    @Test
    void metadataNullsAndEmptyKeysAreRejected() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> valid().metadata(nullValue).build()).hasMessage("metadata value for 'k' must not be null");
        assertThatThrownBy(() -> valid().metadata(Map.of("", "v")).build()).hasMessage("metadata keys must be non-empty strings");
    }

    @Test
    void metadataIsCopiedAndUnmodifiable() {
        Map<String, String> m = new HashMap<>(Map.of("a", "1"));
        ServiceInstance i = valid().metadata(m).build();
        m.put("b", "2");
        assertThat(i.metadata()).containsOnlyKeys("a");
        assertThatThrownBy(() -> i.metadata().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderRoundTripsAndEqualityCoversEveryField() {
        ServiceInstance i = valid().zone("z").weight(7).metadata(Map.of("a", "b")).build();
        assertThat(i.toBuilder().build()).isEqualTo(i).hasSameHashCodeAs(i);
        assertThat(i.toBuilder().weight(8).build()).isNotEqualTo(i);
        assertThat(i.toBuilder().status(InstanceStatus.DOWN).build()).isNotEqualTo(i);
        assertThat(i.toBuilder().metadata(Map.of()).build()).isNotEqualTo(i);
        assertThat(i.toBuilder().host("other").build()).isNotEqualTo(i);
    }

    @Test
    void addressBracketsIpv6() {
        assertThat(valid().host("::1").build().address()).isEqualTo("[::1]:8080");
        assertThat(valid().build().address()).isEqualTo("10.0.0.5:8080");
    }
}
