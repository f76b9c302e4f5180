/**
 * Typed, immutable inputs and results of the ARES GraphQL API.
 *
 * <p>Every input type is built with its static {@code builder()}. Building a {@link
 * dev.ares.client.model.TenantInput} validates the whole tree and reports every problem at once by
 * field path, for example {@code tenantInput.commerce.credentials.consumerKey is required}.
 * Credentials print as {@code ****} in {@code toString()}.
 */
@AresStyle
package dev.ares.client.model;

import dev.ares.core.internal.AresStyle;
