/**
 * The registration supervisor: keeps every live registration present in the backend with its
 * current data, whatever the backend, by re-putting after losses and verifying periodically.
 *
 * <p>Nullness: non-null unless documented otherwise.
 */
package io.sextant.internal.supervisor;
