package dev.ares.onboarding.internal;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserErrorCode;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.core.internal.http.ResponseTooLargeException;
import dev.ares.onboarding.CheckResult;
import dev.ares.onboarding.CheckStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;

/**
 * The AEM checks: {@code programId} and {@code environmentId} are the digits an author URL carries,
 * and the author host named by the template answers (any status proves the environment exists; a
 * name that does not resolve is Adobe's "invalid or non-existent programId / environmentId"). Only
 * the status is read: the body is capped small and never shown.
 *
 * <p>Internal: not part of the public API.
 */
public final class AemChecks {

  /** The ids, in report order. */
  public static final String IDS = "aem.ids";

  public static final String AUTHOR = "aem.author";

  private static final String IDS_CHECKED = "AEM programId and environmentId are digits";
  private static final String AUTHOR_CHECKED = "the AEM author host resolves and answers";
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  /** The body read from the author host: only the status matters. */
  private static final long MAX_BODY_BYTES = 64 * 1024;

  private AemChecks() {}

  /**
   * The two tasks; {@code authorUrlTemplate} holds {@code {programId}} and {@code {environmentId}}.
   */
  public static List<CheckTask> tasks(
      TenantInput tenant, String authorUrlTemplate, HttpOptions http) {
    Optional<AemInput> aem = tenant.aem();
    return List.of(
        CheckTask.of(IDS, IDS_CHECKED, () -> ids(aem)),
        CheckTask.of(AUTHOR, AUTHOR_CHECKED, () -> author(aem, authorUrlTemplate, http)));
  }

  static CheckResult ids(Optional<AemInput> aem) {
    if (aem.isEmpty()) {
      return Results.fail(
          IDS,
          IDS_CHECKED,
          "tenantInput.aem is not given",
          UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR);
    }
    String problem = problem("programId", aem.get().programId());
    if (problem == null) {
      problem = problem("environmentId", aem.get().environmentId());
    }
    if (problem != null) {
      return Results.fail(IDS, IDS_CHECKED, problem, UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR);
    }
    return Results.pass(
        IDS,
        IDS_CHECKED,
        "programId " + aem.get().programId() + ", environmentId " + aem.get().environmentId());
  }

  private static String problem(String field, String value) {
    if (value == null || value.isBlank()) {
      return field + " is not given";
    }
    return DIGITS.matcher(value).matches() ? null : field + " is not 1 to 18 digits";
  }

  static CheckResult author(Optional<AemInput> aem, String template, HttpOptions http) {
    if (aem.isEmpty() || ids(aem).status() != CheckStatus.PASS) {
      return Results.skipped(AUTHOR, AUTHOR_CHECKED, "no valid programId and environmentId");
    }
    URI uri = authorUri(template, aem.get());
    String host = Urls.hostOf(uri);
    if (!http.allowInsecureHttp() && !Urls.isSecureOrLoopback(uri)) {
      return Results.fail(
          AUTHOR,
          AUTHOR_CHECKED,
          "the author URL template is plain http to " + host,
          "use an https author URL template");
    }
    try (HttpEngine engine =
        new HttpEngine("ares-preflight-aem-deadlines", http, http.httpClient(), null, 1, 1)) {
      HttpCall call =
          HttpCall.to("AEM", uri, () -> new HttpGet(uri))
              .retryPolicy(RetryPolicy.none())
              .timeouts(http.connectTimeout(), http.attemptTimeout(), http.callTimeout())
              .maxResponseBytes(MAX_BODY_BYTES)
              .followRedirects(false)
              .events(http.eventListener(), "Preflight", "aemAuthor")
              .build();
      HttpAnswer answer = engine.execute(call);
      return Results.pass(AUTHOR, AUTHOR_CHECKED, host + " answered HTTP " + answer.status());
    } catch (ResponseTooLargeException e) {
      return Results.pass(AUTHOR, AUTHOR_CHECKED, host + " answered HTTP " + e.status());
    } catch (HttpCallException e) {
      String evidence = Results.notReached(host, e);
      if (e.proxy() != null) {
        return Results.fail(AUTHOR, AUTHOR_CHECKED, evidence, Results.PROXY_REMEDIATION);
      }
      return switch (e.failure()) {
        case UNKNOWN_HOST ->
            Results.fail(
                AUTHOR, AUTHOR_CHECKED, evidence, UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR);
        default ->
            Results.fail(
                AUTHOR,
                AUTHOR_CHECKED,
                evidence,
                Results.adobe(UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR)
                    + "; if the ids are right, the environment may be stopped or hibernated");
      };
    }
  }

  /** The template with both ids put in; they are digits, so the URL stays valid. */
  static URI authorUri(String template, AemInput aem) {
    return URI.create(
        template
            .replace("{programId}", aem.programId())
            .replace("{environmentId}", aem.environmentId()));
  }
}
