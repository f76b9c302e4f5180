/**
 * Typed, immutable inputs and results of the ARES GraphQL API.
 *
 * <p>Every input type is built with its static {@code builder()}. Building a {@link
 * dev.ares.client.model.TenantInput} validates the whole tree and reports every problem at once by
 * field path, for example {@code tenantInput.projectId is required}; the credentials types check
 * themselves the same way when built ({@code commerceCredentialsInput.consumerKey is required}).
 * Credentials print as {@code ****} in {@code toString()}. A {@link
 * dev.ares.client.model.UserError} from ARES has a {@link dev.ares.client.model.UserErrorCode} with
 * what to do about it.
 */
@AresStyle
package dev.ares.client.model;

import dev.ares.core.internal.AresStyle;
