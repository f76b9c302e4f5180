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
import java.util.concurrent.CopyOnWriteArrayList;
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
    this.settings = settings;
    this.engine =
        new HttpEngine(
            "ares-client-deadlines",
            callerHttpClient,
            settings.maxConnections,
            settings.connectTimeout,
            settings.attemptTimeout);
    this.host = Urls.hostOf(settings.endpoint);
  }

  /** The HTTP settings this client uses, as checked by its builder. */
  public HttpOptions httpOptions() {
    return settings.httpOptions;
  }

  @Override
  public RegisterTenantResult registerTenant(TenantInput tenantInput) {
    if (tenantInput == null) {
      throw new AresValidationException(List.of(FieldViolation.of("tenantInput", "is required")));
    }
    byte[] body = RegisterTenantOperation.requestBody(tenantInput, settings.ruleWireForm);
    List<String> jwtsSent = new CopyOnWriteArrayList<>();
    HttpCall call =
        HttpCall.to("ARES", settings.endpoint, () -> newPost(body, jwtsSent))
            .serverText(() -> serverTextFor(tenantInput, jwtsSent))
            .retryPolicy(settings.retryPolicy)
            .idempotent(false)
            .timeouts(settings.connectTimeout, settings.attemptTimeout, settings.callTimeout)
            .maxResponseBytes(settings.maxResponseBytes)
            .followRedirects(settings.followRedirects)
            .events(settings.httpOptions.eventListener(), "AresClient", "registerTenant")
            .build();
    HttpAnswer answer;
    try {
      answer = engine.execute(call);
    } catch (HttpCallException e) {
      throw new AresTransportException(
          e.failure(), e.getMessage(), host, e.attempts(), e.requestSent(), e.getCause());
    } catch (ResponseTooLargeException e) {
      throw new AresResponseException(
          "ARES answered with a body larger than " + settings.maxResponseBytes + " bytes",
          e.status(),
          e.requestId(),
          e.attempts());
    }
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
        serverTextFor(tenantInput, jwtsSent));
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
