package dev.ares.client.internal;

import dev.ares.client.RuleWireForm;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checked settings of one HTTP client.
 *
 * <p>Internal: not part of the public API.
 */
public final class ClientSettings {
  final URI endpoint;
  final String apiKey;
  final String environmentId;
  final Supplier<String> gatewaySignature;
  final Map<String, String> extraHeaders;
  final HttpOptions httpOptions;
  final Duration connectTimeout;
  final Duration attemptTimeout;
  final Duration callTimeout;
  final RetryPolicy retryPolicy;
  final RuleWireForm ruleWireForm;
  final int maxConnections;
  final long maxResponseBytes;
  final boolean followRedirects;

  /** Settings already checked by the builder. */
  public ClientSettings(
      URI endpoint,
      String apiKey,
      String environmentId,
      Supplier<String> gatewaySignature,
      Map<String, String> extraHeaders,
      HttpOptions httpOptions,
      RuleWireForm ruleWireForm,
      boolean followRedirects) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    this.environmentId = environmentId;
    this.gatewaySignature = gatewaySignature;
    this.extraHeaders = extraHeaders;
    this.httpOptions = httpOptions;
    this.connectTimeout = httpOptions.connectTimeout();
    this.attemptTimeout = httpOptions.attemptTimeout();
    this.callTimeout = httpOptions.callTimeout();
    this.retryPolicy = httpOptions.retryPolicy();
    this.ruleWireForm = ruleWireForm;
    this.maxConnections = httpOptions.maxConnections();
    this.maxResponseBytes = httpOptions.maxResponseBytes();
    this.followRedirects = followRedirects;
  }

  /** Never prints the API key or the JWT. */
  @Override
  public String toString() {
    return "ClientSettings{endpoint=" + endpoint + ", environmentId=" + environmentId + "}";
  }
}
