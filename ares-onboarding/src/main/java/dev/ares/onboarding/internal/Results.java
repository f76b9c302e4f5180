package dev.ares.onboarding.internal;

import dev.ares.client.model.UserErrorCode;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.onboarding.CheckResult;
import dev.ares.onboarding.CheckStatus;

/**
 * Short ways to make a {@link CheckResult}; a remediation from a {@link UserErrorCode} is Adobe's
 * documented cause, never a copy of it.
 *
 * <p>Internal: not part of the public API.
 */
public final class Results {

  private Results() {}

  /** A pass. */
  public static CheckResult pass(String id, String checked, String evidence) {
    return result(id, CheckStatus.PASS, checked, evidence, null);
  }

  /** A skip, with why. */
  public static CheckResult skipped(String id, String checked, String why) {
    return result(id, CheckStatus.SKIPPED, checked, why, null);
  }

  /** A failure with a remediation of our own. */
  public static CheckResult fail(String id, String checked, String evidence, String remediation) {
    return result(id, CheckStatus.FAIL, checked, evidence, remediation);
  }

  /** A failure whose remediation is Adobe's, for the user error ARES would answer. */
  public static CheckResult fail(String id, String checked, String evidence, UserErrorCode code) {
    return result(id, CheckStatus.FAIL, checked, evidence, adobe(code));
  }

  /** A warning. */
  public static CheckResult warn(String id, String checked, String evidence, String remediation) {
    return result(id, CheckStatus.WARN, checked, evidence, remediation);
  }

  /**
   * The remediation of a check whose call an HTTP proxy failed: the proxy, not the checked host, is
   * what to fix.
   */
  public static final String PROXY_REMEDIATION =
      "the HTTP proxy named in the evidence failed the call, so this host was not checked: check"
          + " the proxy (Preflight's httpOptions proxy; for the CLI -Dhttps.proxyHost, or"
          + " HTTPS_PROXY and NO_PROXY) and its credentials, or let this host be reached directly";

  /** Adobe's documented message and cause, as ARES would answer it. */
  public static String adobe(UserErrorCode code) {
    return "ARES would answer \"" + code.documentedMessage() + "\": " + code.remediation();
  }

  /**
   * Why no answer came from {@code host}, for evidence: when a proxy failed the call (refused it,
   * could not be reached or passed), the engine's words, which name the proxy and never a
   * credential; else {@code <host> does not resolve} or {@code <host> did not answer (<failure>)}.
   */
  static String notReached(String host, HttpCallException e) {
    if (e.proxy() != null || e.failure() == TransportFailure.PROXY_REFUSED) {
      return e.getMessage();
    }
    return e.failure() == TransportFailure.UNKNOWN_HOST
        ? host + " does not resolve"
        : host + " did not answer (" + e.failure() + ")";
  }

  private static CheckResult result(
      String id, CheckStatus status, String checked, String evidence, String remediation) {
    return CheckResult.builder()
        .id(id)
        .status(status)
        .checked(checked)
        .evidence(evidence)
        .remediation(java.util.Optional.ofNullable(remediation))
        .build();
  }
}
