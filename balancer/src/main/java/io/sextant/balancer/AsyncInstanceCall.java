package io.sextant.balancer;

import io.sextant.ServiceInstance;

import java.util.concurrent.CompletionStage;

/**
 * A non-blocking call made on one picked instance by
 * {@link Balancer#executeAsync(PickContext, AsyncInstanceCall)}: it starts the request and returns
 * at once with a stage that completes with the reply.
 *
 * <p>It must not block: retries invoke it on the balancer's retry scheduler thread.
 *
 * @param <T> the call's result
 */
@FunctionalInterface
public interface AsyncInstanceCall<T> {

    /**
     * Starts a call on {@code instance}. A stage completed exceptionally, or an exception thrown
     * here, counts as a failure of that instance.
     */
    CompletionStage<T> call(ServiceInstance instance) throws Exception;
}
