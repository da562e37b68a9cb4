package io.sextant.spring;

import io.sextant.InstanceStatus;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.context.ApplicationListener;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The auto-configuration on the in-memory backend, where the backend does not matter. */
class SextantAutoConfigurationTest {
    private final String server = "s" + UUID.randomUUID();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SextantAutoConfiguration.class,
                    SextantRegistrationAutoConfiguration.class, SextantDiscoveryAutoConfiguration.class,
                    SextantHealthAutoConfiguration.class, UtilAutoConfiguration.class))
            .withPropertyValues("sextant.backend=memory", "sextant.memory.server=" + server,
                    "spring.application.name=Orders");

    private static ServiceInstance instance(String service, String id, int port) {
        return ServiceInstance.builder(service).id(id).host("127.0.0.1").port(port).build();
    }

    @Test
    void registryIsBuiltFromTheLibrarysKeys() {
        runner.withPropertyValues("sextant.namespace=shop", "sextant.ttl=3s", "sextant.request.timeout=700ms",
                        "sextant.cache.massdrop.threshold=0.25", "sextant.supervisor.interval=1m",
                        "sextant.start.offline=true", "sextant.options.zookeeper.client.x=1")
                .run(ctx -> {
                    SextantConfig config = ctx.getBean(Registry.class).config();
                    assertThat(config.backend()).isEqualTo("memory");
                    assertThat(config.namespace()).isEqualTo("shop");
                    assertThat(config.ttl()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(700));
                    assertThat(config.massDropThreshold()).isEqualTo(0.25);
                    assertThat(config.supervisorInterval()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(config.property("sextant.zookeeper.client.x")).isEqualTo("1");
                    assertThat(config.property(SextantConfig.START_OFFLINE)).isEqualTo("true");
                    assertThat(config.property("sextant.memory.server")).isEqualTo(server);
                });
    }

    @Test
    void backsOffForTheApplicationsOwnRegistry() {
        Registry own = Registry.open(SextantConfig.builder().backend("memory").set("sextant.memory.server", server).build());
        try {
            runner.withBean("myRegistry", Registry.class, () -> own)
                    .run(ctx -> {
                        assertThat(ctx).hasSingleBean(Registry.class);
                        assertThat(ctx.getBean(Registry.class)).isSameAs(own);
                        assertThat(ctx).hasSingleBean(SextantDiscoveryClient.class);
                    });
        } finally {
            own.close();
        }
    }

    @Test
    void enabledFalseTurnsEverythingOff() {
        runner.withPropertyValues("sextant.enabled=false", "sextant.backend=nonsense").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(Registry.class);
            assertThat(ctx).doesNotHaveBean(SextantDiscoveryClient.class);
            assertThat(ctx).doesNotHaveBean(SextantServiceRegistry.class);
            assertThat(ctx).doesNotHaveBean(SextantHealthIndicator.class);
        });
    }

    @Test
    void discoveryClientFollowsTheCacheAndListsOnlyInstancesThatTakeCalls() {
        runner.run(ctx -> {
            Registry registry = ctx.getBean(Registry.class);
            DiscoveryClient discovery = ctx.getBean(SextantDiscoveryClient.class);
            Registration b1 = registry.register(instance("billing", "b1", 9001));
            assertThat(discovery.getInstances("Billing")).extracting(i -> i.getInstanceId()).containsExactly("b1");
            assertThat(discovery.getInstances("billing").get(0).getUri().toString()).isEqualTo("http://127.0.0.1:9001");

            registry.register(instance("billing", "b2", 9002));
            await().until(() -> discovery.getInstances("billing").size() == 2);
            b1.updateStatus(InstanceStatus.DRAINING).join();
            await().until(() -> discovery.getInstances("billing").size() == 1);
            assertThat(discovery.getInstances("billing").get(0).getInstanceId()).isEqualTo("b2");
            assertThat(discovery.getServices()).contains("billing");
            assertThat(discovery.getInstances("not a valid name")).isEmpty();
        });
    }

    @Test
    void reactiveDiscoveryClientAnswersLikeTheBlockingOne() {
        runner.run(ctx -> {
            ctx.getBean(Registry.class).register(instance("billing", "b1", 9001));
            ReactiveDiscoveryClient reactive = ctx.getBean(SextantReactiveDiscoveryClient.class);
            assertThat(reactive.getInstances("billing").map(i -> i.getInstanceId()).collectList().block())
                    .containsExactly("b1");
            assertThat(reactive.getServices().collectList().block()).contains("billing");
        });
    }

    @Test
    void supplierPushesEveryChangeWithoutPolling() {
        runner.run(ctx -> {
            Registry registry = ctx.getBean(Registry.class);
            registry.register(instance("billing", "b1", 9001));
            SextantServiceInstanceListSupplier supplier =
                    new SextantServiceInstanceListSupplier("billing", ctx.getBean(SextantCaches.class));
            List<List<String>> lists = new CopyOnWriteArrayList<>();
            Disposable sub = supplier.get().subscribe(list -> lists.add(list.stream().map(i -> i.getInstanceId()).toList()));
            try {
                await().until(() -> lists.contains(List.of("b1")));
                Registration b2 = registry.register(instance("billing", "b2", 9002));
                await().until(() -> lists.contains(List.of("b1", "b2")));
                b2.close();
                await().until(() -> lists.get(lists.size() - 1).equals(List.of("b1")));
                // a load balancer takes the first list only: the current one
                assertThat(supplier.get().blockFirst()).extracting(i -> i.getInstanceId()).containsExactly("b1");
            } finally {
                sub.dispose();
            }
        });
    }

    @Test
    void everyCacheChangeIsAHeartbeat() {
        List<Object> heartbeats = new CopyOnWriteArrayList<>();
        runner.withBean("heartbeats", ApplicationListener.class,
                        () -> (ApplicationListener<HeartbeatEvent>) e -> heartbeats.add(e.getValue()))
                .run(ctx -> {
                    Registry registry = ctx.getBean(Registry.class);
                    DiscoveryClient discovery = ctx.getBean(SextantDiscoveryClient.class);
                    assertThat(discovery.getInstances("billing")).isEmpty();
                    int before = heartbeats.size();
                    registry.register(instance("billing", "b1", 9001));
                    await().until(() -> heartbeats.size() > before);
                    assertThat(heartbeats.get(heartbeats.size() - 1)).isInstanceOf(Long.class);
                });
    }

    @Test
    void registrationTakesItsNameFromTheApplicationAndItsFieldsFromProperties() {
        runner.withPropertyValues("sextant.registration.host=10.1.2.3", "sextant.registration.port=8443",
                        "sextant.registration.secure=true", "sextant.registration.zone=eu-1a",
                        "sextant.registration.weight=7", "sextant.registration.metadata.version=2")
                .run(ctx -> {
                    SextantRegistration r = ctx.getBean(SextantRegistration.class);
                    ServiceInstance i = r.toInstance();
                    assertThat(i.service()).isEqualTo("orders");
                    assertThat(i.address()).isEqualTo("10.1.2.3:8443");
                    assertThat(i.zone()).isEqualTo("eu-1a");
                    assertThat(i.weight()).isEqualTo(7);
                    assertThat(i.metadata()).containsEntry("version", "2").containsEntry("secure", "true");
                    assertThat(r.getUri().toString()).isEqualTo("https://10.1.2.3:8443");

                    SextantServiceRegistry serviceRegistry = ctx.getBean(SextantServiceRegistry.class);
                    serviceRegistry.register(r);
                    assertThat((String) serviceRegistry.getStatus(r)).isEqualTo("UP");
                    serviceRegistry.setStatus(r, "draining");
                    assertThat((String) serviceRegistry.getStatus(r)).isEqualTo("DRAINING");
                    assertThat(ctx.getBean(SextantDiscoveryClient.class).getInstances("orders")).isEmpty();
                    serviceRegistry.deregister(r);
                    assertThat((Object) serviceRegistry.getStatus(r)).isNull();
                });
    }

    @Test
    void healthIsUpWithDetailsOnAReachableBackend() {
        runner.run(ctx -> {
            ctx.getBean(Registry.class).register(instance("billing", "b1", 9001));
            ctx.getBean(SextantDiscoveryClient.class).getInstances("billing");
            Health health = ctx.getBean(SextantHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("backend", "memory").containsEntry("registrations", 1)
                    .containsEntry("connection", "CONNECTED").containsEntry("awaitingRepair", 0);
            assertThat(health.getDetails().get("caches")).isEqualTo(Map.of("billing", Map.of("instances", 1, "ready", true)));
        });
    }

    @Test
    void healthIndicatorCanBeTurnedOff() {
        runner.withPropertyValues("management.health.sextant.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(SextantHealthIndicator.class));
    }
}
