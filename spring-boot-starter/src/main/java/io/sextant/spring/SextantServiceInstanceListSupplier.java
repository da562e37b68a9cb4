package io.sextant.spring;

import io.sextant.ServiceCache;
import io.sextant.ServiceCacheListener;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/**
 * Feeds Spring Cloud LoadBalancer from a Sextant cache, without polling: each subscription gets the
 * current instances that may take calls (UP, weight above 0) at once, then a new list whenever the
 * cache publishes a change. Spring Cloud's load balancers take the first list per request, so every
 * request sees the latest snapshot; no TTL cache sits in between.
 *
 * <p>Thread-safe.
 */
public final class SextantServiceInstanceListSupplier implements ServiceInstanceListSupplier {
    private final String serviceId;
    private final SextantCaches caches;

    SextantServiceInstanceListSupplier(String serviceId, SextantCaches caches) {
        this.serviceId = serviceId;
        this.caches = caches;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        ServiceCache cache = caches.cache(serviceId);
        if (cache == null) {
            return Flux.just(List.of());
        }
        // The current list first: a load balancer takes only that and cancels before the listener is
        // added. A longer subscriber then follows changes (the list is memoized per snapshot, so the
        // repeat of the current list that the follower starts with is dropped by identity).
        Flux<List<ServiceInstance>> live = Flux.concat(Mono.fromSupplier(() -> caches.instances(serviceId)),
                        Flux.<List<ServiceInstance>>create(sink -> follow(cache, sink), FluxSink.OverflowStrategy.LATEST))
                .distinctUntilChanged(list -> list, (a, b) -> a == b);
        if (cache.isReady()) {
            return live;
        }
        // First use of this service: wait for the cache's first read off the caller's thread.
        return Mono.fromCallable(() -> caches.instances(serviceId)).subscribeOn(Schedulers.boundedElastic())
                .thenMany(live);
    }

    private void follow(ServiceCache cache, FluxSink<List<ServiceInstance>> sink) {
        Object lock = new Object();
        // Every emission reads the latest snapshot under one lock, so a late initial emission can never
        // overtake a change's.
        ServiceCacheListener listener = change -> {
            synchronized (lock) {
                sink.next(caches.instances(serviceId));
            }
        };
        cache.addListener(listener);
        sink.onDispose(() -> cache.removeListener(listener));
        synchronized (lock) {
            sink.next(caches.instances(serviceId));
        }
    }
}
