/** Test-only fakes of the backend SPI for deterministic core tests. */
package io.sextant.testkit;
