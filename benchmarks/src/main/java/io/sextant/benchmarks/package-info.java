/**
 * JMH benchmarks of the pick path, with Curator x-discovery's strategies measured beside Sextant's
 * in the same run. Run from the shaded jar; see the README.
 */
package io.sextant.benchmarks;
