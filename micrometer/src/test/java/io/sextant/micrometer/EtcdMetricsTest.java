package io.sextant.micrometer;

import io.sextant.testing.EtcdFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meters through the scenario on a real etcd member (the {@code etcd} binary; skipped without it). */
@Timeout(180)
class EtcdMetricsTest extends RegistryMetricsScenario {
    @Override
    boolean recreatesDeletedRecords() {
        return false;
    }

    @Test
    void everyMeterMovesThroughTheScenario() throws Exception {
        try (EtcdFixture etcd = EtcdFixture.single()) {
            run(etcd);
        }
    }
}
