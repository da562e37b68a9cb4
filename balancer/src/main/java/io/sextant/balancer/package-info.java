/**
 * Client-side balancing over a watched {@link io.sextant.ServiceCache}: the {@link io.sextant.balancer.Balancer}
 * (built with {@link io.sextant.balancer.Balancer#builder}) picks one instance per call with a strategy
 * chosen by name, tracks calls in flight and their latency, ejects failing instances with a
 * Resilience4j circuit breaker each, and retries a failed call on a different instance
 * ({@link io.sextant.balancer.Balancer#execute}).
 *
 * <p>Artifact {@code sextant-balancer}; depends on {@code sextant-api} and Resilience4j. Nullness:
 * parameters and return values are non-null unless a method's documentation says otherwise.
 */
package io.sextant.balancer;
