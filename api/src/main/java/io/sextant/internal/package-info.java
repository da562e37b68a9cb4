/**
 * Implementation details of the core. Not a public API: anything here may change without notice.
 *
 * <p>Nullness: non-null unless documented otherwise.
 */
package io.sextant.internal;
