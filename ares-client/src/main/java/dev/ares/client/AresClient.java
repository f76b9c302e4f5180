package dev.ares.client;

import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.BlockingCalls;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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
   * {@link #registerTenant} without blocking the caller. The client {@link #builder()} builds runs
   * it on non-blocking I/O (no thread waits for the call) with the same deadlines, retries, size
   * cap and {@link #close()} as the blocking call. The future completes with what {@link
   * #registerTenant} returns, or exceptionally with exactly the exception it throws, not wrapped;
   * bad input fails the future (nothing is thrown, nothing is sent), as in the AWS SDK's async
   * clients. Cancelling the future aborts the exchange under way and frees its connection, or ends
   * a retry waiting; a mutation already sent may still have taken effect at ARES.
   *
   * <p>With a caller's {@link AresClientBuilder#httpClient} (a blocking client), and in
   * implementations that only have {@link #registerTenant}, the blocking call runs on a small
   * shared pool of SDK daemon threads (at most 16) instead; pass your own with {@link
   * #registerTenantAsync(TenantInput, Executor)}. There a cancel aborts the HTTP client's request
   * under way; in such an implementation it only keeps a call not yet started from running.
   * Callbacks chained without an executor may run on the SDK's I/O or deadline threads: keep them
   * short, or chain them with {@code ...Async(fn, executor)}. The {@code gatewaySignature} supplier
   * is asked on the calling thread, and for a retry on the client's deadline thread: keep it fast.
   */
  default CompletableFuture<RegisterTenantResult> registerTenantAsync(TenantInput tenantInput) {
    return registerTenantAsync(tenantInput, BlockingCalls.shared());
  }

  /**
   * As {@link #registerTenantAsync(TenantInput)}; {@code executor} runs the blocking call where
   * there is no non-blocking one (a caller's {@code httpClient}, an implementation with only {@link
   * #registerTenant}), and is ignored otherwise.
   *
   * @throws NullPointerException when {@code executor} is null
   */
  default CompletableFuture<RegisterTenantResult> registerTenantAsync(
      TenantInput tenantInput, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    if (tenantInput == null) {
      return CompletableFuture.failedFuture(
          new AresValidationException(List.of(FieldViolation.of("tenantInput", "is required"))));
    }
    return BlockingCalls.supply(() -> registerTenant(tenantInput), executor);
  }

  /**
   * Releases what this client owns; calls still in flight fail with {@link
   * dev.ares.core.AresTransportException}. Waits up to a few seconds for those calls to let go of
   * their connections.
   */
  @Override
  void close();
}
