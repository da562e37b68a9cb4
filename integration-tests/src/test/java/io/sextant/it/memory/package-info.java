/** The contract suite on the in-process {@code memory} backend. */
package io.sextant.it.memory;
