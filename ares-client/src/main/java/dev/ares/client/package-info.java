/**
 * The ARES client: {@link dev.ares.client.AresClient}, its builder and configuration, and the
 * exceptions it throws.
 *
 * <p>Every failure is an {@link dev.ares.core.AresException}: {@link
 * dev.ares.core.AresValidationException} before anything is sent, {@link
 * dev.ares.core.AresTransportException} when the service was not reached or did not answer in time,
 * and {@link dev.ares.core.AresServiceException} ({@link dev.ares.core.AresHttpException}, {@link
 * AresGraphQlException}, ...) when it answered with an error.
 */
@AresStyle
package dev.ares.client;

import dev.ares.core.internal.AresStyle;
