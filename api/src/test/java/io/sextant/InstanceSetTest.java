package io.sextant;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceSetTest {

    private static ServiceInstance inst(String id) {
        return ServiceInstance.builder("svc").id(id).host("h").port(1).registeredAt(Instant.EPOCH).build();
    }

    @Test
    void sortsByIdAndFindsById() {
        InstanceSet set = InstanceSet.of("svc", List.of(inst("c"), inst("a"), inst("b")), 3);
        assertThat(set.instances()).extracting(ServiceInstance::id).containsExactly("a", "b", "c");
        assertThat(set.byId("b")).isEqualTo(inst("b"));
        assertThat(set.byId("zz")).isNull();
        assertThat(set.byId("0")).isNull();
        assertThat(set.revision()).isEqualTo(3);
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void rejectsDuplicatesAndForeignInstances() {
        assertThatThrownBy(() -> InstanceSet.of("svc", List.of(inst("a"), inst("a")), 1))
                .hasMessage("instance ids must be unique, got 'a' twice");
        ServiceInstance other = ServiceInstance.builder("other").id("x").host("h").port(1).build();
        assertThatThrownBy(() -> InstanceSet.of("svc", List.of(other), 1))
                .hasMessageContaining("must all belong to service 'svc'");
    }

    @Test
    void staleKeepsFirstTimeAndReportsAge() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        InstanceSet set = InstanceSet.of("svc", List.of(inst("a")), 1);
        InstanceSet stale = set.asStale(t0).asStale(t0.plusSeconds(5));
        assertThat(stale.isStale()).isTrue();
        assertThat(stale.staleSince()).isEqualTo(t0);
        assertThat(stale.staleness(Clock.fixed(t0.plusSeconds(7), ZoneOffset.UTC))).isEqualTo(Duration.ofSeconds(7));
        assertThat(stale.sameInstances(set)).isTrue();
        assertThat(stale.asFresh().isStale()).isFalse();
        assertThat(set.staleness(Clock.systemUTC())).isZero();
    }

    @Test
    void viewIsUnmodifiable() {
        InstanceSet set = InstanceSet.of("svc", List.of(inst("a")), 1);
        assertThatThrownBy(() -> set.instances().add(inst("b"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(InstanceSet.empty("svc").isEmpty()).isTrue();
    }
}
