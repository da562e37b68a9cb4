package io.sextant.etcd;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyMapperTest {
    private final KeyMapper keys = new KeyMapper("ns");

    @Test
    void prependsAndStripsTheNamespace() {
        assertThat(keys.key("/services/a/i-1").toString(StandardCharsets.UTF_8)).isEqualTo("/ns/services/a/i-1");
        assertThat(keys.prefix("/services/a/").toString(StandardCharsets.UTF_8)).isEqualTo("/ns/services/a/");
        assertThat(keys.relative(KeyMapper.bytes("/ns/services/a/i-1"))).isEqualTo("/services/a/i-1");
    }

    @Test
    void rejectsMalformedKeysAndPrefixesNamingThem() {
        for (String bad : new String[] {"services/a", "/services/a/", "/a//b"}) {
            assertThatThrownBy(() -> keys.key(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("key must").hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> keys.prefix("/services/a")).hasMessageStartingWith("prefix must");
        assertThatThrownBy(() -> keys.key(null)).hasMessage("key must not be null");
    }
}
