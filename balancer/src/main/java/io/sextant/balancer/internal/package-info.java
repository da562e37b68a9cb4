/**
 * The balancer behind {@link io.sextant.balancer.Balancer} and the built-in strategies, which users select
 * by name through their {@link io.sextant.balancer.spi.StrategyProvider}s. Not a public API.
 *
 * <p>Nullness: non-null unless documented otherwise.
 */
package io.sextant.balancer.internal;
