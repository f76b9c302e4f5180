package dev.ares.client.internal;

import dev.ares.client.AresClient;
import dev.ares.client.AresResponseException;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpOptions;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.BlockingCalls;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.UserAgent;
import dev.ares.core.internal.WireTextRules;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.core.internal.http.ResponseTooLargeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolStats;

/**
 * The HTTP {@link AresClient}: the {@code registerTenant} mutation posted through the SDK's {@link
 * HttpEngine}. The mutation is not idempotent, so it is retried only when it cannot have reached
 * ARES (no connection) or ARES asked for it (429, 503).
 *
 * <p>Internal: not part of the public API; build it with {@link AresClient#builder()}.
 */
public final class HttpAresClient implements AresClient {

  private final ClientSettings settings;
  private final HttpEngine engine;
  private final String host;

  /** A client on these settings; uses {@code callerHttpClient} when given, else owns its own. */
  public HttpAresClient(ClientSettings settings, CloseableHttpClient callerHttpClient) {
    this(settings, callerHttpClient, null);
  }

  /**
   * As above; with {@code inProcessAsync}, async calls run on the engine's own async client with
   * that handler answering them inside the process, as {@code callerHttpClient} does the blocking
   * ones (the in-memory fake).
   */
  public HttpAresClient(
      ClientSettings settings,
      CloseableHttpClient callerHttpClient,
      AsyncExecChainHandler inProcessAsync) {
    this.settings = settings;
    this.engine =
        new HttpEngine(
            "ares-client-deadlines",
            settings.httpOptions,
            callerHttpClient,
            inProcessAsync,
            settings.maxConnections,
            settings.maxConnections);
    this.host = Urls.hostOf(settings.endpoint);
  }

  /** The HTTP settings this client uses, as checked by its builder. */
  public HttpOptions httpOptions() {
    return settings.httpOptions;
  }

  @Override
  public RegisterTenantResult registerTenant(TenantInput tenantInput) {
    return blocking(new Registration(tenantInput, null));
  }

  private RegisterTenantResult blocking(Registration registration) {
    HttpAnswer answer;
    try {
      answer = engine.execute(registration.call);
    } catch (HttpCallException | ResponseTooLargeException e) {
      throw registration.failure(e);
    }
    return registration.read(answer);
  }

  /**
   * On the engine's async client: the same call as {@link #registerTenant}, its answer read and its
   * failures mapped alike once the exchange ends. On a caller's classic client: {@link
   * #registerTenant} on {@code executor}, whose cancel aborts the request under way.
   */
  @Override
  public CompletableFuture<RegisterTenantResult> registerTenantAsync(
      TenantInput tenantInput, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    if (!engine.supportsAsync()) {
      return onExecutor(tenantInput, executor);
    }
    Registration registration;
    try {
      registration = new Registration(tenantInput, null);
    } catch (RuntimeException e) { // bad input: a failed future, nothing sent
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<RegisterTenantResult> result = new CompletableFuture<>();
    CompletableFuture<HttpAnswer> exchange = engine.executeAsync(registration.call);
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    exchange.whenComplete(
        (answer, failure) -> {
          if (result.isDone()) {
            return;
          }
          try {
            if (failure != null) {
              throw registration.failure(unwrap(failure));
            }
            result.complete(registration.read(answer));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          } catch (Error e) { // the caller waits on the future: it must end, then the Error goes on
            result.completeExceptionally(e);
            throw e;
          }
        });
    return result;
  }

  /** {@link #registerTenant} on {@code executor}; cancelling the future aborts its request. */
  private CompletableFuture<RegisterTenantResult> onExecutor(
      TenantInput tenantInput, Executor executor) {
    Registration registration;
    try {
      registration = new Registration(tenantInput, new Abort());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<RegisterTenantResult> result =
        BlockingCalls.supply(() -> blocking(registration), executor);
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            registration.abort.cancel();
          }
        });
    return result;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The request of a blocking call run on an executor, so that cancelling its future can abort it:
   * the request under way is cancelled, and no later attempt is built.
   */
  private static final class Abort {
    private volatile boolean cancelled;
    private volatile HttpPost current;

    void check() {
      if (cancelled) {
        throw new CancellationException("the call was cancelled");
      }
    }

    void sending(HttpPost post) {
      current = post;
      if (cancelled) {
        post.cancel();
      }
    }

    void cancel() {
      cancelled = true;
      HttpPost post = current;
      if (post != null) {
        post.cancel();
      }
    }
  }

  /** One {@code registerTenant} call: its request and how its answer or failure is told. */
  private final class Registration {
    private final TenantInput input;
    private final Abort abort;
    private final List<String> jwtsSent = new CopyOnWriteArrayList<>();
    private final byte[] body;
    private final HttpCall call;

    /**
     * @throws AresValidationException when the input is missing or invalid
     */
    Registration(TenantInput input, Abort abort) {
      if (input == null) {
        throw new AresValidationException(List.of(FieldViolation.of("tenantInput", "is required")));
      }
      this.input = input;
      this.abort = abort;
      this.body = RegisterTenantOperation.requestBody(input, settings.ruleWireForm);
      this.call =
          HttpCall.to("ARES", settings.endpoint, this::newRequest)
              .serverText(() -> serverTextFor(input, jwtsSent))
              .retryPolicy(settings.retryPolicy)
              .idempotent(false)
              .timeouts(settings.connectTimeout, settings.attemptTimeout, settings.callTimeout)
              .maxResponseBytes(settings.maxResponseBytes)
              .followRedirects(settings.followRedirects)
              .events(settings.httpOptions.eventListener(), "AresClient", "registerTenant")
              .build();
    }

    private HttpPost newRequest() {
      if (abort != null) {
        abort.check();
      }
      HttpPost post = newPost(body, jwtsSent);
      if (abort != null) {
        abort.sending(post);
      }
      return post;
    }

    /** What the blocking call throws for an engine failure; any other failure as it is. */
    RuntimeException failure(Throwable failure) {
      if (failure instanceof HttpCallException e) {
        return new AresTransportException(
            e.failure(), e.getMessage(), e.host(host), e.attempts(), e.requestSent(), e.getCause());
      }
      if (failure instanceof ResponseTooLargeException e) {
        return new AresResponseException(
            "ARES answered with a body larger than " + settings.maxResponseBytes + " bytes",
            e.status(),
            e.requestId(),
            e.attempts());
      }
      if (failure instanceof RuntimeException e) {
        return e;
      }
      return new IllegalStateException(failure);
    }

    /** The result of a final answer, or the exception its status or body makes. */
    RegisterTenantResult read(HttpAnswer answer) {
      if (!answer.isSuccess()) {
        throw new AresHttpException(
            AresStatusMessages.describe(answer.status(), answer.requestId()),
            answer.status(),
            answer.requestId(),
            answer.retryAfter(),
            answer.attempts(),
            host);
      }
      return RegisterTenantOperation.readResponse(
          answer.body(),
          answer.status(),
          answer.requestId(),
          answer.attempts(),
          serverTextFor(input, jwtsSent));
    }
  }

  private HttpPost newPost(byte[] body, List<String> jwtsSent) {
    String jwt;
    try {
      jwt = settings.gatewaySignature.get();
    } catch (RuntimeException e) {
      throw new AresTransportException(
          TransportFailure.REQUEST_NOT_BUILT,
          "the gatewaySignature supplier failed (" + e.getClass().getSimpleName() + ")",
          host,
          0,
          false,
          null);
    }
    String problem = WireTextRules.problemWithRequiredHeaderValue(jwt);
    if (problem != null) { // checked per attempt: the supplier may return anything at any time
      throw new AresValidationException(
          List.of(
              FieldViolation.of(
                  "aresClient.gatewaySignature",
                  jwt == null ? "supplied no JWT" : "supplied a JWT that " + problem)));
    }
    jwtsSent.add(jwt);
    HttpPost post = new HttpPost(settings.endpoint);
    post.setHeader("x-api-key", settings.apiKey);
    post.setHeader("magento-environment-id", settings.environmentId);
    post.setHeader("x-gw-signature", jwt);
    post.setHeader("User-Agent", UserAgent.VALUE);
    post.setHeader("Accept", "application/json");
    settings.extraHeaders.forEach(post::setHeader);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    return post;
  }

  /**
   * What an echoing ARES could send back of this call: the API key, every JWT sent (a supplier may
   * give a new one per attempt), the four Commerce values, and the external matcher's client id and
   * secret.
   */
  private ServerText serverTextFor(TenantInput input, List<String> jwtsSent) {
    List<String> secrets = new ArrayList<>();
    secrets.add(settings.apiKey);
    secrets.addAll(jwtsSent);
    input
        .commerce()
        .ifPresent(
            c -> {
              CommerceCredentialsInput k = c.credentials();
              secrets.addAll(
                  List.of(
                      k.consumerKey(), k.consumerSecret(), k.accessToken(), k.accessTokenSecret()));
            });
    if (input.rule() instanceof ExternalMatcherInput matcher) {
      secrets.add(matcher.credentials().clientId());
      secrets.add(matcher.credentials().clientSecret());
    }
    return ServerText.masking(secrets);
  }

  /** Connection pool statistics of the SDK-owned pool, or {@code null} for a caller's client. */
  public PoolStats poolStats() {
    return engine.poolStats();
  }

  @Override
  public void close() {
    engine.close();
  }

  @Override
  public String toString() {
    return "AresClient{endpoint=" + settings.endpoint + "}";
  }
}
