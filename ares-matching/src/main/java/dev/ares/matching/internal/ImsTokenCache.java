package dev.ares.matching.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.core.AresValidationException;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.WireTextRules;
import dev.ares.core.internal.json.StrictJson;
import dev.ares.matching.ExternalMatcherException;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.http.ContentType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Adobe IMS client-credentials access token, fetched once for all callers and kept until shortly
 * before it expires. Concurrent callers, blocking or async, that find no valid token wait for the
 * one fetch in flight instead of starting their own; {@link #invalidate(String)} drops a token the
 * action refused, once, however many callers saw it refused.
 *
 * <p>Token lifetimes are clamped, never trusted: an {@code expires_in} (seconds) above {@link
 * #MAX_LIFETIME} counts as that maximum, a fraction is rounded down, and one that is missing, not a
 * JSON number, zero or negative makes the token serve only the call that fetched it. A token that
 * is not visible ASCII, which HTTP would alter in the {@code Authorization} header, is a malformed
 * answer.
 *
 * <p>Thread-safe. The token and the secret never leave this class except as the header value.
 * Internal: not part of the public API.
 */
public final class ImsTokenCache {

  private static final Logger LOG = LoggerFactory.getLogger(ImsTokenCache.class);

  /** Refresh this long before IMS says the token expires, at most. */
  private static final Duration MAX_EARLY_REFRESH = Duration.ofMinutes(5);

  /** The longest a token is kept, whatever IMS says: IMS issues tokens for 24 hours. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(24);

  private final URI tokenUri;
  private final byte[] form;
  private final HttpCaller caller;
  private final ServerText serverText;

  /** The one fetch in flight, whoever started it; {@code null} when none is. */
  private final AtomicReference<CompletableFuture<Token>> fetching = new AtomicReference<>();

  private final AtomicReference<Token> current = new AtomicReference<>();

  /**
   * @param tokenUri the IMS token endpoint
   * @param clientId the OAuth client id
   * @param clientSecret the OAuth client secret
   * @param scopes the scopes asked for
   * @param caller sends the token request
   */
  public ImsTokenCache(
      URI tokenUri, String clientId, String clientSecret, List<String> scopes, HttpCaller caller) {
    this.tokenUri = tokenUri;
    this.form =
        ("grant_type=client_credentials&client_id="
                + encode(clientId)
                + "&client_secret="
                + encode(clientSecret)
                + "&scope="
                + encode(String.join(",", scopes)))
            .getBytes(StandardCharsets.US_ASCII);
    this.caller = caller;
    this.serverText = ServerText.masking(List.of(clientId, clientSecret));
  }

  /**
   * A valid access token, fetched when none is cached. A caller that finds a fetch in flight (of a
   * blocking or an async caller) waits for it, at most until its own deadline, and shares its
   * outcome, token or failure.
   */
  public String token(Deadline deadline) {
    Token token = current.get();
    if (token != null && token.valid()) {
      return token.value();
    }
    String host = Urls.hostOf(tokenUri);
    CompletableFuture<Token> shared = shared(deadline, true);
    try {
      return shared.get(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS).value();
    } catch (TimeoutException e) {
      throw MatcherFailures.transport(
          TransportFailure.CALL_TIMEOUT,
          host,
          "timed out waiting for an IMS token",
          0,
          false,
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw MatcherFailures.transport(
          TransportFailure.INTERRUPTED, host, "interrupted waiting for an IMS token", 0, false, e);
    } catch (ExecutionException e) {
      throw Futures.rethrow(Futures.unwrap(e));
    }
  }

  /**
   * {@link #token} without blocking: the one fetch in flight is shared by every caller, blocking or
   * async, and the future fails with exactly what {@link #token} would throw. Cancelling the
   * returned future leaves the shared fetch running for the others.
   */
  public CompletableFuture<String> tokenAsync(Deadline deadline) {
    Token token = current.get();
    if (token != null && token.valid()) {
      return CompletableFuture.completedFuture(token.value());
    }
    CompletableFuture<Token> shared = shared(deadline, false);
    CompletableFuture<String> value = new CompletableFuture<>();
    Futures.then(shared, value, fetched -> value.complete(fetched.value()));
    return value;
  }

  /**
   * {@link #token} ({@code blocking}) or {@link #tokenAsync}: the one place a caller becomes the
   * leader, or a waiter on the fetch in flight.
   */
  public CompletableFuture<String> token(Deadline deadline, boolean blocking) {
    return blocking ? Futures.now(() -> token(deadline)) : tokenAsync(deadline);
  }

  /**
   * The fetch in flight, or a new one this caller leads ({@code blocking}: done when returned). The
   * leader always ends the fetch, whatever the post throws, so waiters never wait for a fetch that
   * is gone.
   */
  private CompletableFuture<Token> shared(Deadline deadline, boolean blocking) {
    CompletableFuture<Token> mine = new CompletableFuture<>();
    CompletableFuture<Token> shared = fetching.compareAndExchange(null, mine);
    if (shared != null) {
      return shared;
    }
    Token token = current.get();
    if (token != null && token.valid()) {
      publish(mine, token, null);
      return mine;
    }
    String host = Urls.hostOf(tokenUri);
    CompletableFuture<HttpCaller.Response> post;
    try {
      post =
          caller.post(
              blocking,
              HttpCaller.IMS_TOKEN,
              tokenUri,
              Map.of("Accept", "application/json"),
              form,
              ContentType.APPLICATION_FORM_URLENCODED,
              deadline,
              serverText);
    } catch (Throwable e) { // a fetch never started
      publish(mine, null, e);
      return mine;
    }
    post.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            publish(mine, null, Futures.unwrap(failure));
            return;
          }
          try {
            publish(mine, read(response, host), null);
          } catch (Throwable e) {
            publish(mine, null, e);
          }
        });
    return mine;
  }

  /** Ends the fetch in flight: caches the token, then lets the waiting callers have it. */
  private void publish(CompletableFuture<Token> fetch, Token token, Throwable failure) {
    if (token != null) {
      current.set(token);
    }
    fetching.compareAndSet(fetch, null);
    if (failure != null) {
      fetch.completeExceptionally(failure);
    } else {
      fetch.complete(token);
    }
  }

  /**
   * Forgets {@code refused} if it is still the cached token, so that the next caller fetches anew.
   */
  public void invalidate(String refused) {
    Token token = current.get();
    // Compare-and-set: of many callers refused with the same token, only the first drops it, and
    // a newer token fetched meanwhile is never dropped.
    if (token != null && token.value().equals(refused) && current.compareAndSet(token, null)) {
      LOG.debug("IMS token from {} was refused; it will be fetched again", Urls.hostOf(tokenUri));
    }
  }

  /** The token of IMS's answer, or the typed failure its status or body makes it. */
  private Token read(HttpCaller.Response response, String host) {
    int status = response.status();
    if (status == 400 || status == 401 || status == 403) {
      throw new ExternalMatcherException(
          Reason.TOKEN_REFUSED,
          host,
          status,
          "IMS refused the client credentials" + ServerErrors.detail(response.body(), serverText),
          response.attempts(),
          null);
    }
    if (!response.ok()) {
      throw MatcherFailures.status(
          host,
          status,
          "IMS token endpoint answered with an error"
              + ServerErrors.detail(response.body(), serverText),
          response.attempts(),
          response.requestId(),
          response.retryAfter());
    }
    JsonNode json;
    try {
      json = StrictJson.read(response.body(), "answer");
    } catch (AresValidationException e) {
      throw new ExternalMatcherException(
          Reason.MALFORMED_RESPONSE,
          host,
          status,
          "IMS token answer is not valid JSON: " + serverText.printable(e.getMessage()),
          response.attempts(),
          null);
    }
    JsonNode accessToken = json.get("access_token");
    if (accessToken == null || !accessToken.isTextual() || accessToken.textValue().isBlank()) {
      throw new ExternalMatcherException(
          Reason.MALFORMED_RESPONSE,
          host,
          status,
          "IMS token answer has no access_token",
          response.attempts(),
          null);
    }
    if (WireTextRules.problemWithRequiredHeaderValue(accessToken.textValue()) != null) {
      throw new ExternalMatcherException(
          Reason.MALFORMED_RESPONSE,
          host,
          status,
          "IMS token answer has an access_token that is not visible ASCII",
          response.attempts(),
          null);
    }
    long seconds = lifetimeSeconds(json.get("expires_in"));
    Duration lifetime = Duration.ofSeconds(seconds);
    Duration early =
        lifetime.dividedBy(10).compareTo(MAX_EARLY_REFRESH) < 0
            ? lifetime.dividedBy(10)
            : MAX_EARLY_REFRESH;
    LOG.debug("fetched an IMS token from {}, valid for {} s", host, seconds);
    return new Token(accessToken.textValue(), System.nanoTime() + lifetime.minus(early).toNanos());
  }

  /** {@code expires_in} clamped to [0, MAX_LIFETIME] whole seconds; 0 when absent or no number. */
  static long lifetimeSeconds(JsonNode expiresIn) {
    if (expiresIn == null || !expiresIn.isNumber()) {
      return 0;
    }
    double seconds = expiresIn.asDouble(); // any JSON number: huge integers become large doubles
    if (Double.isNaN(seconds) || seconds <= 0) {
      return 0;
    }
    return (long) Math.min(Math.floor(seconds), MAX_LIFETIME.toSeconds());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ImsTokenCache{host=" + Urls.hostOf(tokenUri) + "}";
  }

  /** A token and when to stop using it, on the monotonic clock. */
  private record Token(String value, long refreshAtNanos) {

    boolean valid() {
      return refreshAtNanos - System.nanoTime() > 0;
    }

    @Override
    public String toString() {
      return "Token{****}";
    }
  }
}
