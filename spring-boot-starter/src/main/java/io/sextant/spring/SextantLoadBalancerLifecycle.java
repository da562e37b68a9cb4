package io.sextant.spring;

import io.sextant.balancer.TrackedPick;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

import java.io.IOException;

/**
 * Finishes the tracked pick of a {@link SextantReactorLoadBalancer} choice (carried by its
 * {@link PickedServiceInstance}) with the call's outcome: a
 * thrown exception or a 5xx response is a failure (fed to the instance's circuit breaker), anything
 * else a success with the measured latency.
 */
final class SextantLoadBalancerLifecycle implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

    @Override
    public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
        return ServiceInstance.class.isAssignableFrom(serverTypeClass);
    }

    @Override
    public void onStart(Request<Object> request) {
    }

    @Override
    public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
    }

    @Override
    public void onComplete(CompletionContext<Object, ServiceInstance, Object> context) {
        Response<ServiceInstance> lbResponse = context.getLoadBalancerResponse();
        if (lbResponse == null || !(lbResponse.getServer() instanceof PickedServiceInstance)) {
            return;
        }
        TrackedPick pick = ((PickedServiceInstance) lbResponse.getServer()).pick();
        if (context.status() == CompletionContext.Status.FAILED) {
            Throwable t = context.getThrowable();
            pick.failure(t == null ? new IllegalStateException("call failed") : t);
            return;
        }
        int status = statusOf(context.getClientResponse());
        if (status >= 500) {
            pick.failure(new IllegalStateException("HTTP " + status));
        } else {
            pick.success();
        }
    }

    private static int statusOf(Object clientResponse) {
        try {
            if (clientResponse instanceof ResponseData) {
                HttpStatusCode code = ((ResponseData) clientResponse).getHttpStatus();
                return code == null ? 0 : code.value();
            }
            if (clientResponse instanceof ClientHttpResponse) {
                return ((ClientHttpResponse) clientResponse).getStatusCode().value();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
