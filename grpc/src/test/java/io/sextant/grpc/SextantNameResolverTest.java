package io.sextant.grpc;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverRegistry;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import io.sextant.CacheHealth;
import io.sextant.InstanceStatus;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.balancer.NoInstanceAvailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The resolver on its own, fed by the in-memory backend: what a channel would receive. */
class SextantNameResolverTest {
    private Registry registry;
    private SextantNameResolverProvider provider;
    private final ExecutorService offload = Executors.newFixedThreadPool(1);
    private final LinkedBlockingQueue<StatusOr<List<EquivalentAddressGroup>>> results = new LinkedBlockingQueue<>();
    private NameResolver resolver;

    @BeforeEach
    void open() {
        registry = Registry.open(SextantConfig.builder().backend("memory")
                .set("sextant.memory.server", "grpc-resolver-test").build());
        provider = SextantNameResolverProvider.builder().registry(registry).build();
    }

    @AfterEach
    void close() {
        if (resolver != null) {
            resolver.shutdown();
        }
        offload.shutdownNow();
        registry.close();
    }

    private void start(String target) {
        NameResolver.Args args = NameResolver.Args.newBuilder()
                .setDefaultPort(443)
                .setProxyDetector(address -> null)
                .setSynchronizationContext(new SynchronizationContext((t, e) -> { throw new AssertionError(e); }))
                .setServiceConfigParser(new NameResolver.ServiceConfigParser() {
                    @Override
                    public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> raw) {
                        return NameResolver.ConfigOrError.fromConfig(raw);
                    }
                })
                .setOffloadExecutor(offload)
                .build();
        resolver = provider.newNameResolver(URI.create(target), args);
        resolver.start(new NameResolver.Listener2() {
            @Override
            public void onResult(NameResolver.ResolutionResult result) {
                results.add(result.getAddressesOrError());
            }

            @Override
            public void onError(Status error) {
                results.add(StatusOr.fromStatus(error));
            }
        });
    }

    private StatusOr<List<EquivalentAddressGroup>> next() throws InterruptedException {
        StatusOr<List<EquivalentAddressGroup>> r = results.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a resolution result").isNotNull();
        return r;
    }

    @Test
    void eachUpInstanceIsAnAddressGroupCarryingItsData() throws Exception {
        ServiceInstance one = ServiceInstance.builder("orders").id("one").host("127.0.0.1").port(7001)
                .zone("eu-1a").weight(300).metadata(Map.of("version", "2")).build();
        registry.register(one);
        Registration two = registry.register(ServiceInstance.builder("orders").id("two").host("::1").port(7002).build());
        start("sextant:///orders");

        List<EquivalentAddressGroup> groups = next().getValue();
        assertThat(groups).hasSize(2);
        EquivalentAddressGroup g = groups.get(0);
        assertThat(g.getAddresses()).containsExactly(new InetSocketAddress("127.0.0.1", 7001));
        assertThat(g.getAttributes().get(SextantAttributes.INSTANCE_ID)).isEqualTo("one");
        assertThat(g.getAttributes().get(SextantAttributes.ZONE)).isEqualTo("eu-1a");
        assertThat(g.getAttributes().get(SextantAttributes.WEIGHT)).isEqualTo(300);
        assertThat(g.getAttributes().get(SextantAttributes.METADATA)).containsEntry("version", "2");
        assertThat(g.getAttributes().get(SextantAttributes.INSTANCE)).isEqualTo(one);
        assertThat(((InetSocketAddress) groups.get(1).getAddresses().get(0)).isUnresolved()).isFalse();

        two.updateStatus(InstanceStatus.DRAINING).join(); // pushed: no refresh() call
        List<EquivalentAddressGroup> now = next().getValue();
        if (now.size() == 2) { // the first read can be reported twice (cache listener, then the ready wait)
            now = next().getValue();
        }
        assertThat(now).extracting(e -> e.getAttributes().get(SextantAttributes.INSTANCE_ID)).containsExactly("one");
    }

    @Test
    void shutdownClosesTheResolversCacheHandleAndStopsTheWatch() throws Exception {
        registry.register(ServiceInstance.builder("watched").host("127.0.0.1").port(7004).build());
        start("sextant:///watched");
        assertThat(next().getValue()).hasSize(1);
        assertThat(registry.health().caches()).extracting(CacheHealth::service).contains("watched");

        resolver.shutdown();
        resolver = null;
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(registry.health().caches()).extracting(CacheHealth::service).doesNotContain("watched"));
        results.clear(); // the first read may have been reported twice
        registry.register(ServiceInstance.builder("watched").host("127.0.0.1").port(7005).build());
        assertThat(results.poll(200, TimeUnit.MILLISECONDS)).as("nothing after shutdown").isNull();
    }

    @Test
    void aHostNameIsLeftForTheTransportToResolve() throws Exception {
        registry.register(ServiceInstance.builder("named").host("orders.internal.example").port(7001).build());
        start("sextant:///named");
        InetSocketAddress a = (InetSocketAddress) next().getValue().get(0).getAddresses().get(0);
        assertThat(a.isUnresolved()).isTrue();
        assertThat(a.getHostString()).isEqualTo("orders.internal.example");
    }

    @Test
    void anEmptyServiceIsUnavailableNamingIt() throws Exception {
        start("sextant:///missing");
        Status s = next().getStatus();
        assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(s.getDescription()).contains("'missing'");
        assertThat(s.getCause()).isInstanceOf(NoInstanceAvailableException.class);

        registry.register(ServiceInstance.builder("missing").host("127.0.0.1").port(7003).build());
        assertThat(next().getValue()).hasSize(1);
    }

    @Test
    void aRegistryThatCannotOpenIsUnavailableAndRetriedOnRefresh() throws Exception {
        provider = SextantNameResolverProvider.builder()
                .config(SextantConfig.builder().backend("no-such-backend").build()).build();
        start("sextant:///orders");
        Status first = next().getStatus();
        assertThat(first.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(first.getDescription()).contains("sextant:///orders").contains("cannot open the Sextant registry")
                .contains("no-such-backend");

        resolver.refresh(); // what the channel does after a failed resolution, with back-off
        assertThat(next().getStatus().getDescription()).contains("cannot open the Sextant registry");
        provider.close();
    }

    @Test
    void targetsMustNameOneValidService() {
        NameResolver.Args args = NameResolver.Args.newBuilder().setDefaultPort(443).setProxyDetector(a -> null)
                .setSynchronizationContext(new SynchronizationContext((t, e) -> { }))
                .setServiceConfigParser(new NameResolver.ServiceConfigParser() {
                    @Override
                    public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> raw) {
                        return NameResolver.ConfigOrError.fromConfig(raw);
                    }
                }).build();
        assertThat(provider.newNameResolver(URI.create("dns:///orders"), args)).isNull();
        assertThat(provider.newNameResolver(URI.create("sextant:///orders"), args).getServiceAuthority())
                .isEqualTo("orders");
        assertThatThrownBy(() -> provider.newNameResolver(URI.create("sextant://host/orders"), args))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sextant:///<service>");
        assertThatThrownBy(() -> provider.newNameResolver(URI.create("sextant:///Orders"), args))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sextant:///Orders'");
        assertThatThrownBy(() -> provider.newNameResolver(URI.create("sextant:///a/b"), args))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceLoaderFindsTheProviderWithoutMakingSextantTheDefaultScheme() {
        assertThat(NameResolverRegistry.getDefaultRegistry().getProviderForScheme("sextant"))
                .isInstanceOf(SextantNameResolverProvider.class);
        assertThat(NameResolverRegistry.getDefaultRegistry().getDefaultScheme()).isEqualTo("dns");
    }
}
