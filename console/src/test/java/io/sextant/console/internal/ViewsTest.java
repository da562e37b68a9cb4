package io.sextant.console.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ViewsTest {
    @Test
    void feedDetailsAreAnEventsFieldsWithoutServiceAndTime() {
        assertThat(Views.fields("CacheUpdatedEvent[service=orders, added=1, removed=0, size=3, at=2026-01-01T00:00:00Z]"))
                .isEqualTo("added=1, removed=0, size=3");
        assertThat(Views.fields("SnapshotFileLoadedEvent[path=/x, at=2026-01-01T00:00:00Z]")).isEqualTo("path=/x");
        assertThat(Views.fields("not a record")).isEqualTo("not a record");
    }

    @Test
    void loopbackHostsAreRecognised() {
        assertThat(Access.loopbackHost("localhost:7319")).isTrue();
        assertThat(Access.loopbackHost("127.0.0.1")).isTrue();
        assertThat(Access.loopbackHost("[::1]:7319")).isTrue();
        assertThat(Access.loopbackHost("127.0.0.1.evil.example")).isFalse();
        assertThat(Access.loopbackHost("localhost.evil.example:80")).isFalse();
    }
}
