package io.sextant.spring;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatusCode;

/**
 * Finishes the tracked pick of a {@link SextantReactorLoadBalancer} choice with the call's outcome: a
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
        if (!(context.getLoadBalancerResponse() instanceof SextantPickResponse)) {
            return;
        }
        SextantPickResponse response = (SextantPickResponse) context.getLoadBalancerResponse();
        if (context.status() == CompletionContext.Status.FAILED) {
            Throwable t = context.getThrowable();
            response.pick().failure(t == null ? new IllegalStateException("call failed") : t);
            return;
        }
        Object client = context.getClientResponse();
        if (client instanceof ResponseData) {
            HttpStatusCode status = ((ResponseData) client).getHttpStatus();
            if (status != null && status.is5xxServerError()) {
                response.pick().failure(new IllegalStateException("HTTP " + status.value()));
                return;
            }
        }
        response.pick().success();
    }
}
