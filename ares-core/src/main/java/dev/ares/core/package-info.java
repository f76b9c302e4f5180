/**
 * What every ARES SDK client shares: the {@link dev.ares.core.AresException} base and the transport
 * failure, {@link dev.ares.core.FieldViolation} and {@link dev.ares.core.AresValidationException}
 * for bad input, and the {@link dev.ares.core.RetryPolicy}.
 */
@AresStyle
package dev.ares.core;

import dev.ares.core.internal.AresStyle;
