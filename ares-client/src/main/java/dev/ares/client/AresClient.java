package dev.ares.client;

import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import java.time.Duration;

/**
 * A client of the ARES GraphQL API. Build the HTTP client once with {@link #builder()} and share
 * it: it is thread-safe and owns a connection pool. In tests, use {@link
 * dev.ares.client.testing.InMemoryAresClient}.
 *
 * <pre>{@code
 * try (AresClient ares = AresClient.builder()
 *     .apiKey(apiKey)
 *     .environmentId(magentoEnvironmentId)
 *     .gatewaySignature(() -> jwtSource.currentJwt())
 *     .build()) {
 *   String tenantId = ares.registerTenant(tenant).requireTenantId();
 * }
 * }</pre>
 */
public interface AresClient extends AutoCloseable {

  /** A builder of the HTTP client, on {@link AresEndpoints#COMMERCE} unless told otherwise. */
  static AresClientBuilder builder() {
    return new AresClientBuilder();
  }

  /**
   * The HTTP settings {@link #builder()} starts from: connect timeout 5 s, attempt timeout 15 s,
   * call timeout 45 s, {@link dev.ares.core.RetryPolicy#defaults()}, responses up to 4 MiB, 20
   * pooled connections, the client's own HttpClient, https required.
   */
  static HttpOptions defaultHttpOptions() {
    return HttpOptions.builder()
        .connectTimeout(Duration.ofSeconds(5))
        .attemptTimeout(Duration.ofSeconds(15))
        .callTimeout(Duration.ofSeconds(45))
        .retryPolicy(RetryPolicy.defaults())
        .maxResponseBytes(4L * 1024 * 1024)
        .maxConnections(20)
        .build();
  }

  /**
   * Registers a tenant. User errors (such as {@code Tenant already exists}) come back as data on
   * the result; everything else that goes wrong is thrown.
   *
   * @throws dev.ares.core.AresValidationException when the input is missing; nothing is sent
   * @throws dev.ares.core.AresTransportException when ARES was not reached or did not answer in
   *     time
   * @throws dev.ares.core.AresHttpException when ARES answered with an HTTP error status
   * @throws AresGraphQlException when the answer carried GraphQL errors
   * @throws AresResponseException when the answer was not the expected GraphQL response
   */
  RegisterTenantResult registerTenant(TenantInput tenantInput);

  /**
   * Releases what this client owns; calls still in flight fail with {@link
   * dev.ares.core.AresTransportException}. Waits up to a few seconds for those calls to let go of
   * their connections.
   */
  @Override
  void close();
}
