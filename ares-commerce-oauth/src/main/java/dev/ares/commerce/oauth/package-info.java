/**
 * Signs Adobe Commerce REST requests with OAuth 1.0a exactly as Commerce verifies them, and checks
 * Commerce integration credentials before a tenant is registered.
 *
 * <ul>
 *   <li>{@link dev.ares.commerce.oauth.CommerceRequestSigner} returns the {@code Authorization}
 *       header for a {@link dev.ares.commerce.oauth.CommerceRequest};
 *   <li>{@link dev.ares.commerce.oauth.CommerceSigningInterceptor} signs every request of an Apache
 *       HttpClient 5 client;
 *   <li>{@link dev.ares.commerce.oauth.CommerceSignatureVerifier} checks a signature with the same
 *       rules;
 *   <li>{@link dev.ares.commerce.oauth.CommerceCredentialsCheck} makes one read-only signed call
 *       and reports a {@link dev.ares.commerce.oauth.CredentialsVerdict}.
 * </ul>
 *
 * <p>Credentials are ares-client's {@link dev.ares.client.model.CommerceCredentialsInput}. No
 * credential, token, signature or {@code Authorization} value ever appears in {@code toString()}, a
 * log line or an exception message.
 */
@AresStyle
package dev.ares.commerce.oauth;

import dev.ares.core.internal.AresStyle;
