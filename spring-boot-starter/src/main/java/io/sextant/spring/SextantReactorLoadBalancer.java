package io.sextant.spring;

import io.sextant.balancer.Balancer;
import io.sextant.balancer.NoInstanceAvailableException;
import io.sextant.balancer.PickContext;
import io.sextant.ServiceCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Spring Cloud LoadBalancer choosing with a Sextant {@link Balancer}: the strategy named by
 * {@code sextant.discovery.strategy}, per-instance circuit breakers (an instance whose calls fail is
 * ejected), in-flight counts and latency. Each choice is a tracked pick; {@link SextantLoadBalancerLifecycle}
 * finishes it with the call's outcome (an exception or a 5xx status is a failure). The request header
 * {@code sextant.discovery.key-header} is the key for hashing strategies; this application's zone
 * ({@code sextant.registration.zone}) is the caller's zone for {@code zone-aware}.
 *
 * <p>Thread-safe. {@link #close()} detaches the balancer from the cache.
 */
public final class SextantReactorLoadBalancer implements ReactorServiceInstanceLoadBalancer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SextantReactorLoadBalancer.class);

    private final String serviceId;
    private final SextantCaches caches;
    private final Balancer balancer;
    private final String keyHeader;
    private final PickContext base;

    SextantReactorLoadBalancer(String serviceId, SextantCaches caches, String strategy, String keyHeader, String zone) {
        this.serviceId = serviceId;
        this.caches = caches;
        this.keyHeader = keyHeader;
        this.base = zone == null || zone.isEmpty() ? PickContext.NONE : PickContext.NONE.withZone(zone);
        ServiceCache cache = caches.cache(serviceId);
        if (cache == null) {
            throw new IllegalArgumentException("'" + serviceId + "' is not a valid Sextant service name");
        }
        this.balancer = Balancer.builder(cache).strategy(strategy).build();
        LOG.info("service '{}' balanced by Sextant strategy '{}'", cache.service(), strategy);
    }

    /** The balancer choosing for this service. */
    public Balancer balancer() {
        return balancer;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Mono<Response<ServiceInstance>> choose(Request request) {
        PickContext context = context(request);
        if (caches.isReady(serviceId)) {
            return Mono.fromSupplier(() -> pick(context));
        }
        return Mono.fromCallable(() -> {
            caches.instances(serviceId); // waits for the first read
            return pick(context);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private Response<ServiceInstance> pick(PickContext context) {
        try {
            return new DefaultResponse(new PickedServiceInstance(balancer.start(context)));
        } catch (NoInstanceAvailableException e) {
            LOG.debug("{}", e.getMessage());
            return new EmptyResponse();
        }
    }

    @SuppressWarnings("rawtypes")
    private PickContext context(Request request) {
        if (keyHeader == null || request == null || !(request.getContext() instanceof RequestDataContext)) {
            return base;
        }
        RequestDataContext ctx = (RequestDataContext) request.getContext();
        HttpHeaders headers = ctx.getClientRequest() == null ? null : ctx.getClientRequest().getHeaders();
        String key = headers == null ? null : headers.getFirst(keyHeader);
        return key == null ? base : base.withKey(key);
    }

    @Override
    public void close() {
        balancer.close();
    }
}
