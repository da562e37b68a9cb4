package io.sextant.it.readme;

import io.sextant.InstanceSet;
import io.sextant.InstanceStatus;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.PickContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's example, compiled and run by the build on the in-process {@code memory} backend (the
 * lines between the markers are the ones quoted in README.md; only the config line differs there).
 */
class ReadmeExampleTest {
    private static final Logger log = LoggerFactory.getLogger(ReadmeExampleTest.class);

    /** Stands in for the user's HTTP client. */
    static final class Http {
        String call(String address) {
            return "hello from " + address;
        }
    }

    @Test
    void theReadmeExampleRuns() throws Exception {
        Http http = new Http();
        String customerId = "customer-42";
        SextantConfig config = SextantConfig.builder().backend("memory")
                .set("sextant.memory.server", "readme-" + UUID.randomUUID()).build();
        String reply;
        ServiceInstance target;
        InstanceSet now;
        try (Registry other = Registry.open(config)) {
            other.register(ServiceInstance.builder("payments").host("10.0.0.7").port(9090).build());
            // README:example:begin
            try (Registry registry = Registry.open(config)) {
                Registration me = registry.register(ServiceInstance.builder("orders")
                        .host("10.0.0.5").port(8080).zone("eu-1a").build());
                ServiceCache payments = registry.cache("payments");
                payments.awaitReady(Duration.ofSeconds(5));
                now = payments.snapshot();                                     // lock-free, allocation-free
                payments.addListener(change -> log.info("added {} removed {}", change.added(), change.removed()));
                me.updateStatus(InstanceStatus.DRAINING);                      // kept through session loss

                Balancer balancer = Balancer.builder(payments).strategy("maglev").build();
                target = balancer.pick(PickContext.ofKey(customerId));        // a few ns, no allocation
                reply = balancer.execute(PickContext.NONE, instance -> http.call(instance.address()));
            }
            // README:example:end
        }
        assertThat(now.size()).isEqualTo(1);
        assertThat(target.address()).isEqualTo("10.0.0.7:9090");
        assertThat(reply).isEqualTo("hello from 10.0.0.7:9090");
    }
}
