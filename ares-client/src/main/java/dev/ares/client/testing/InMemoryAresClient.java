package dev.ares.client.testing;

import dev.ares.client.AresClient;
import dev.ares.client.RuleWireForm;
import dev.ares.client.internal.ClientSettings;
import dev.ares.client.internal.HttpAresClient;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresException;
import dev.ares.core.HttpOptions;
import java.lang.ref.Cleaner;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;

/**
 * An {@link AresClient} that keeps tenants in memory, for the tests of services that use the SDK.
 * It is the real client without the network: the SDK's HTTP stack (validation, timeouts, retries,
 * error mapping) talks to the same fake service as {@link FakeAresServer}, inside the process. So
 * it assigns tenant ids ({@code tenant-0001}, ...), refuses a second registration of the same
 * project and AEM environment with the user error {@code Tenant already exists}, records every
 * call, and answers scripts ({@link #enqueue}) exactly as the loopback server does; {@code
 * AresFakeContract} runs the same scenarios against both. Thread-safe.
 *
 * <pre>{@code
 * try (InMemoryAresClient ares = new InMemoryAresClient()) {
 *   service.onboard(ares);                     // the code under test
 *   assertEquals(1, ares.registrations().size());
 *   ares.enqueue(FakeAnswer.status(503), FakeAnswer.status(503), FakeAnswer.status(503));
 * }
 * }</pre>
 *
 * <p>{@link #registerTenantAsync} runs the real client's non-blocking path against the same fake
 * (inside the async HttpClient), so tests of async code see the same answers, delays and failures.
 *
 * <p>Like the real client it owns a deadline thread (and, once called asynchronously, its I/O
 * threads): close it when the test ends (one forgotten is closed when it is garbage collected).
 */
public final class InMemoryAresClient implements AresClient {

  private static final Cleaner CLEANER = Cleaner.create();

  private final FakeAres fake = new FakeAres();
  private final CloseableHttpClient transport = InMemoryTransport.client(fake);
  private final InMemoryAsyncTransport asyncTransport = new InMemoryAsyncTransport(fake);
  private final HttpAresClient client;
  private final List<AresException> nextFailures = new ArrayList<>();
  private final Cleaner.Cleanable cleanable;

  /** An empty fake with no tenants, on {@link AresClient#defaultHttpOptions()}. */
  public InMemoryAresClient() {
    this(AresClient.defaultHttpOptions());
  }

  /**
   * An empty fake whose client uses these settings (timeouts, retry policy, limits, listener), for
   * tests of retries and timeouts that should not wait for the real defaults. Their {@code
   * httpClient} is replaced by the in-memory one.
   */
  public InMemoryAresClient(HttpOptions httpOptions) {
    HttpOptions options =
        HttpOptions.builder()
            .from(Objects.requireNonNull(httpOptions, "httpOptions"))
            .httpClient(transport)
            .allowInsecureHttp(true) // nothing leaves the process
            .build();
    // Built as AresClient.builder() would (the fixed settings below need no checks), with the
    // async twin of the in-memory transport, which the public builder has no place for.
    this.client =
        new HttpAresClient(
            new ClientSettings(
                URI.create("http://ares.in-memory/graphql"),
                "in-memory-api-key",
                "in-memory-environment",
                () -> "in-memory.gateway.signature",
                Map.of(),
                options,
                RuleWireForm.REFERENCE,
                false),
            transport,
            asyncTransport);
    // A test that forgets close() must not leave the client's threads behind for good.
    this.cleanable = CLEANER.register(this, closer(client, transport, asyncTransport));
  }

  private static Runnable closer(
      AresClient client, CloseableHttpClient transport, InMemoryAsyncTransport asyncTransport) {
    return () -> {
      client.close();
      transport.close(CloseMode.IMMEDIATE);
      asyncTransport.close();
    };
  }

  @Override
  public RegisterTenantResult registerTenant(TenantInput tenantInput) {
    AresException failure;
    synchronized (nextFailures) {
      failure = nextFailures.isEmpty() ? null : nextFailures.remove(0);
    }
    if (failure != null) {
      throw failure;
    }
    return client.registerTenant(tenantInput);
  }

  /**
   * {@link #registerTenant} through the real client's async path (non-blocking I/O, its deadlines,
   * retries and cancellation) to the same fake service; a {@link #failNextWith} failure fails the
   * future as it is. {@code executor} is not used.
   */
  @Override
  public CompletableFuture<RegisterTenantResult> registerTenantAsync(
      TenantInput tenantInput, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    AresException failure;
    synchronized (nextFailures) {
      failure = nextFailures.isEmpty() ? null : nextFailures.remove(0);
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    return client.registerTenantAsync(tenantInput, executor);
  }

  /**
   * Scripts the answers to the next requests, in order, one per request (so one per attempt of the
   * client, whose retry policy applies); once used up the fake answers on its own again.
   */
  public InMemoryAresClient enqueue(FakeAnswer... answers) {
    fake.enqueue(answers);
    return this;
  }

  /** Makes the next call throw this exception as it is, without reaching the fake service. */
  public InMemoryAresClient failNextWith(AresException exception) {
    synchronized (nextFailures) {
      nextFailures.add(Objects.requireNonNull(exception, "exception"));
    }
    return this;
  }

  /**
   * Makes the next request answer with this user error and no tenant id; the same as {@code
   * enqueue(FakeAnswer.userError(message, path))}.
   */
  public InMemoryAresClient failNextWithUserError(String message, String... path) {
    return enqueue(FakeAnswer.userError(message, path));
  }

  /**
   * Every valid tenant input that reached the fake service, in order, refused ones included (not
   * those of calls ended by {@link #failNextWith} or by a scripted answer other than a user error).
   */
  public List<TenantInput> registrations() {
    return fake.registrations();
  }

  /** The registered tenants by id, in registration order. */
  public Map<String, TenantInput> tenants() {
    return fake.tenants();
  }

  /** Every request the fake service received, one per attempt. */
  public List<ReceivedRequest> requests() {
    return fake.requests();
  }

  /** Forgets tenants, recorded calls, the script and pending failures. */
  public void reset() {
    fake.reset();
    synchronized (nextFailures) {
      nextFailures.clear();
    }
  }

  /** Later calls fail as a closed real client's would ({@code TransportFailure.CLOSED}). */
  @Override
  public void close() {
    cleanable.clean();
  }

  @Override
  public String toString() {
    return "InMemoryAresClient{tenants=" + fake.tenants().keySet() + "}";
  }
}
