package io.sextant.spring;

import io.sextant.BackendUnavailableException;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Spring Cloud's {@link DiscoveryClient} over Sextant's watched caches. {@link #getInstances(String)}
 * reads the service's cache (opened and awaited on its first lookup), so after that it is a local read
 * that follows every change the backend publishes. It lists the instances that may take calls: status
 * UP and weight above 0. {@link #getServices()} asks the backend.
 *
 * <p>Thread-safe.
 */
public final class SextantDiscoveryClient implements DiscoveryClient {
    private final SextantCaches caches;
    private final Duration requestTimeout;

    SextantDiscoveryClient(SextantCaches caches) {
        this.caches = caches;
        this.requestTimeout = caches.registry().config().requestTimeout();
    }

    @Override
    public String description() {
        return "Sextant discovery client (" + caches.registry().config().backend() + ")";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        return caches.instances(serviceId);
    }

    /**
     * @throws BackendUnavailableException when the backend does not answer in the request timeout
     */
    @Override
    public List<String> getServices() {
        try {
            return new ArrayList<>(caches.registry().services().get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while listing services", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BackendUnavailableException("could not list services: " + e, e);
        }
    }

    @Override
    public void probe() {
        getServices();
    }
}
