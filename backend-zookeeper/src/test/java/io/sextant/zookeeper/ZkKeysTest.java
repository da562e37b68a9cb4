package io.sextant.zookeeper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZkKeysTest {

    @Test
    void keysAreAbsolutePathsWithoutEmptySegmentsOrTrailingSlash() {
        assertThat(ZkKeys.requireKey("/services/orders/i-1")).isEqualTo("/services/orders/i-1");
        for (String bad : new String[] {"services/a", "/services/a/", "/services//a", "/", ""}) {
            assertThatThrownBy(() -> ZkKeys.requireKey(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        }
        assertThatThrownBy(() -> ZkKeys.requireKey(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesEndWithASlash() {
        assertThat(ZkKeys.requirePrefix("/services/")).isEqualTo("/services/");
        assertThat(ZkKeys.requirePrefix("/")).isEqualTo("/");
        for (String bad : new String[] {"/services", "services/", "//"}) {
            assertThatThrownBy(() -> ZkKeys.requirePrefix(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        }
    }
}
