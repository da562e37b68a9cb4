/**
 * Service provider interfaces: what backend authors implement ({@link io.sextant.spi.BackendProvider},
 * {@link io.sextant.spi.Backend}) at the key-value level. All discovery logic (codec, caches,
 * supervision, balancing) lives once in the core; a backend only stores ephemeral keys and watches
 * prefixes.
 *
 * <p>Nullness: parameters and return values are non-null unless a method's documentation says
 * otherwise.
 */
package io.sextant.spi;
