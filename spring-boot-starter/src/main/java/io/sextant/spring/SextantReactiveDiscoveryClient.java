package io.sextant.spring;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Spring Cloud's {@link ReactiveDiscoveryClient} over Sextant's watched caches: the same answers as
 * {@link SextantDiscoveryClient}, without blocking the subscriber's thread. A first lookup of a service
 * waits for its cache on Reactor's bounded elastic scheduler; later lookups are local reads.
 *
 * <p>Thread-safe.
 */
public final class SextantReactiveDiscoveryClient implements ReactiveDiscoveryClient {
    private final SextantCaches caches;

    SextantReactiveDiscoveryClient(SextantCaches caches) {
        this.caches = caches;
    }

    @Override
    public String description() {
        return "Sextant reactive discovery client (" + caches.registry().config().backend() + ")";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        return Flux.defer(() -> caches.isReady(serviceId)
                ? Flux.fromIterable(caches.instances(serviceId))
                : Mono.fromCallable(() -> caches.instances(serviceId))
                        .subscribeOn(Schedulers.boundedElastic()).flatMapIterable(list -> list));
    }

    @Override
    public Flux<String> getServices() {
        return Mono.fromFuture(() -> caches.registry().services())
                .timeout(caches.registry().config().requestTimeout())
                .flatMapIterable(set -> set);
    }
}
