package io.sextant.micrometer;

import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The meters through the scenario on a real ZooKeeper server (in the JVM). */
@Timeout(180)
class ZooKeeperMetricsTest extends RegistryMetricsScenario {
    @Override
    boolean recreatesDeletedRecords() {
        return true; // PersistentNode puts a deleted node back itself: the supervisor has nothing to repair
    }

    @Test
    void everyMeterMovesThroughTheScenario() throws Exception {
        try (ZooKeeperFixture zk = ZooKeeperFixture.single()) {
            run(zk);
        }
    }
}
