package io.sextant.testing;

import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's "test your own service against a real etcd" example, compiled and run by the build
 * (the lines between the markers are quoted in README.md). Skipped where no {@code etcd} binary is
 * installed.
 */
class TestYourServiceAgainstEtcdTest {

    @Test
    void myServiceIsFoundAndSurvivesAnEtcdRestart() throws Exception {
        // README:testing-example:begin
        try (EtcdCluster etcd = EtcdCluster.start(1);                      // real etcd on a free loopback port
             Registry registry = Registry.open(SextantConfig.builder().backend("etcd")
                     .set("sextant.etcd.endpoints", etcd.endpoints()).ttl(Duration.ofSeconds(3)).build())) {
            registry.register(ServiceInstance.builder("orders").host("127.0.0.1").port(8080).build());
            ServiceCache orders = registry.cache("orders");
            await().until(() -> orders.snapshot().size() == 1);
            etcd.stopAll();                                                // kill -9 every member, keep the data
            etcd.startAll();                                               // same ports, same data
            await().atMost(Duration.ofSeconds(20)).until(() -> !orders.snapshot().isStale());
            assertThat(orders.snapshot().get(0).port()).isEqualTo(8080);
        }
        // README:testing-example:end
    }
}
