/** Deliberate architecture violations, imported only by {@code ArchitectureTest} to show its rules can fail. */
package io.sextant.it.arch.bad;
