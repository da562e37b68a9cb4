/**
 * The balancer behind {@link io.sextant.Balancer} and the built-in strategies, which users select
 * by name through their {@link io.sextant.spi.StrategyProvider}s. Not a public API.
 *
 * <p>Nullness: non-null unless documented otherwise.
 */
package io.sextant.internal.balancer;
