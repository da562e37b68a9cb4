/**
 * Helpers for backend and strategy authors: argument validation with clear messages
 * ({@link io.sextant.spi.support.Checks}), an ordered executor over a shared pool
 * ({@link io.sextant.spi.support.SerialExecutor}) and the one back-off rule every backend uses
 * ({@link io.sextant.spi.support.Backoff}). Public and stable like {@code io.sextant.spi}.
 * Nothing here returns {@code null} unless documented.
 */
package io.sextant.spi.support;
