package io.sextant.balancer;

import io.sextant.ServiceInstance;

/**
 * A call made on one picked instance by {@link Balancer#execute(PickContext, InstanceCall)}.
 *
 * @param <T> the call's result
 * @param <X> the checked exception the call may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface InstanceCall<T, X extends Exception> {

    /** Calls {@code instance}. A thrown exception counts as a failure of that instance. */
    T call(ServiceInstance instance) throws X;
}
