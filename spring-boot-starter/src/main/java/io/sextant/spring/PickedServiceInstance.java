package io.sextant.spring;

import io.sextant.balancer.TrackedPick;
import org.springframework.cloud.client.ServiceInstance;

import java.net.URI;
import java.util.Map;

/**
 * The instance a {@link SextantReactorLoadBalancer} chose, carrying its tracked pick. Spring Cloud's
 * blocking client re-wraps the chosen instance in a new response before it reports the call's outcome,
 * so the pick travels with the instance, not with the response.
 */
final class PickedServiceInstance implements ServiceInstance {
    private final SextantServiceInstance instance;
    private final TrackedPick pick;

    PickedServiceInstance(TrackedPick pick) {
        this.instance = new SextantServiceInstance(pick.instance());
        this.pick = pick;
    }

    TrackedPick pick() {
        return pick;
    }

    @Override
    public String getInstanceId() {
        return instance.getInstanceId();
    }

    @Override
    public String getServiceId() {
        return instance.getServiceId();
    }

    @Override
    public String getHost() {
        return instance.getHost();
    }

    @Override
    public int getPort() {
        return instance.getPort();
    }

    @Override
    public boolean isSecure() {
        return instance.isSecure();
    }

    @Override
    public URI getUri() {
        return instance.getUri();
    }

    @Override
    public String getScheme() {
        return instance.getScheme();
    }

    @Override
    public Map<String, String> getMetadata() {
        return instance.getMetadata();
    }

    @Override
    public String toString() {
        return instance.toString();
    }
}
