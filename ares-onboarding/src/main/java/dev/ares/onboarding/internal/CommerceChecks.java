package dev.ares.onboarding.internal;

import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserErrorCode;
import dev.ares.commerce.oauth.CommerceCredentialsCheck;
import dev.ares.commerce.oauth.CredentialsCheckResult;
import dev.ares.commerce.oauth.CredentialsVerdict;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpOptions;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.Urls;
import dev.ares.onboarding.CheckResult;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Commerce checks: the base URL is https (http only to a loopback host), it answers as Commerce
 * REST (through {@link CommerceRestProbe}), the store accepts the credentials (through {@link
 * CommerceCredentialsCheck}, whose verdicts are mapped here) and the Commerce version is 2.4.5 or
 * later.
 *
 * <p>The REST probe and the credentials run as one task, the probe first: when the base URL answers
 * as something other than Commerce, the credentials are skipped rather than blamed (a login page
 * answering 401 would otherwise read as Adobe's "unauthorized").
 *
 * <p>Internal: not part of the public API.
 */
public final class CommerceChecks {

  /** The ids, in report order. */
  public static final String BASE_URL = "commerce.baseUrl";

  public static final String REST = "commerce.rest";
  public static final String CREDENTIALS = "commerce.credentials";
  public static final String VERSION = "commerce.version";

  private static final String BASE_URL_CHECKED =
      "Commerce baseUrl is an https URL (http only to a loopback host)";
  private static final String VERSION_CHECKED =
      "Commerce version is 2.4.5 or later (extensionVersion well-formed)";
  private static final String REST_CHECKED =
      "the base URL answers as Commerce REST (an unknown route under /rest/V1/, unsigned)";
  private static final String CREDENTIALS_CHECKED =
      "the store accepts the credentials, signed with HMAC-SHA256";

  /** The oldest Commerce the AEM Assets Integration extension supports. */
  static final int[] MINIMUM_VERSION = {2, 4, 5};

  private static final Pattern VERSION_NUMBER =
      Pattern.compile("(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})(?:[-.+].*)?");
  private static final Pattern NOT_SUPPORTED =
      Pattern.compile("signature method (\\S+) is not supported", Pattern.CASE_INSENSITIVE);

  private CommerceChecks() {}

  /** The tasks; the REST probe and the credentials are tried with {@code http}'s settings. */
  public static List<CheckTask> tasks(
      TenantInput tenant, HttpOptions http, CommerceRestVerdict restVerdict) {
    Optional<CommerceInput> commerce = tenant.commerce();
    return List.of(
        CheckTask.of(BASE_URL, BASE_URL_CHECKED, () -> baseUrl(commerce)),
        new CheckTask(
            List.of(REST, CREDENTIALS),
            List.of(REST_CHECKED, CREDENTIALS_CHECKED),
            () -> restThenCredentials(commerce, http, restVerdict)),
        CheckTask.of(VERSION, VERSION_CHECKED, () -> version(commerce)));
  }

  /** The REST probe, then the credentials unless the base URL is not Commerce's. */
  static List<CheckResult> restThenCredentials(
      Optional<CommerceInput> commerce, HttpOptions http, CommerceRestVerdict restVerdict) {
    CommerceRestProbe.Outcome outcome = restVerdict.outcome();
    if (outcome == null) {
      return List.of(
          Results.skipped(REST, REST_CHECKED, "no Commerce baseUrl to call"),
          credentials(commerce, http));
    }
    if (outcome.kind() == CommerceRestProbe.Kind.NOT_COMMERCE) {
      return List.of(
          rest(outcome),
          Results.skipped(
              CREDENTIALS,
              CREDENTIALS_CHECKED,
              "the base URL does not answer as Commerce REST (see " + REST + ")"));
    }
    return List.of(rest(outcome), credentials(commerce, http));
  }

  private static CheckResult rest(CommerceRestProbe.Outcome outcome) {
    String checked = REST_CHECKED;
    return switch (outcome.kind()) {
      case COMMERCE -> Results.pass(REST, checked, outcome.evidence());
      case NOT_COMMERCE ->
          Results.fail(
              REST,
              checked,
              "not a Commerce REST base URL: " + outcome.evidence(),
              Results.adobe(UserErrorCode.COMMERCE_UNEXPECTED_ERROR)
                  + "; set baseUrl to the store's own URL, under which /rest/V1/ is Commerce's"
                  + " REST API (such as https://shop.example, without /rest): not a storefront,"
                  + " login page or other API (if it is the store, an HTTP 5xx means it is failing"
                  + " or in maintenance: try again when it is up)");
      case NOT_CALLED -> Results.skipped(REST, checked, outcome.evidence());
      case NOT_REACHED ->
          Results.fail(REST, checked, outcome.evidence(), UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
      case PROXY_FAILED ->
          Results.fail(REST, checked, outcome.evidence(), Results.PROXY_REMEDIATION);
    };
  }

  static CheckResult baseUrl(Optional<CommerceInput> commerce) {
    String checked = BASE_URL_CHECKED;
    Optional<String> baseUrl = commerce.flatMap(CommerceInput::baseUrl);
    if (baseUrl.isEmpty()) {
      return Results.fail(
          BASE_URL,
          checked,
          "tenantInput.commerce.baseUrl is not given",
          UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
    }
    URI uri;
    try {
      uri = URI.create(baseUrl.get().trim());
    } catch (IllegalArgumentException e) {
      return Results.fail(BASE_URL, checked, "not a URL", UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
    }
    if (!Urls.isAbsoluteHttpUrl(uri.toString())) {
      return Results.fail(
          BASE_URL,
          checked,
          "not an absolute http(s) URL",
          UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
    }
    String host = Urls.hostOf(uri);
    if (!Urls.isSecureOrLoopback(uri)) {
      return Results.fail(
          BASE_URL,
          checked,
          "plain http to " + host,
          Results.adobe(UserErrorCode.COMMERCE_UNEXPECTED_ERROR) + "; use the https base URL");
    }
    return Results.pass(BASE_URL, checked, uri.getScheme() + " to " + host);
  }

  static CheckResult version(Optional<CommerceInput> commerce) {
    String checked = VERSION_CHECKED;
    Optional<String> version = commerce.flatMap(CommerceInput::version);
    Optional<String> extension = commerce.flatMap(CommerceInput::extensionVersion);
    if (version.isEmpty() && extension.isEmpty()) {
      return Results.skipped(VERSION, checked, "neither version nor extensionVersion given");
    }
    StringBuilder evidence = new StringBuilder();
    if (version.isPresent()) {
      int[] parsed = parse(version.get());
      if (parsed == null) {
        return Results.fail(
            VERSION,
            checked,
            "version is not a version number such as 2.4.7",
            "set tenantInput.commerce.version to the Commerce version, such as 2.4.7-p3");
      }
      if (compare(parsed, MINIMUM_VERSION) < 0) {
        return Results.fail(
            VERSION,
            checked,
            "Commerce " + parsed[0] + "." + parsed[1] + "." + parsed[2] + " is older than 2.4.5",
            "the AEM Assets Integration extension needs Commerce 2.4.5 or later: upgrade Commerce");
      }
      evidence
          .append("Commerce ")
          .append(parsed[0])
          .append('.')
          .append(parsed[1])
          .append('.')
          .append(parsed[2]);
    }
    if (extension.isPresent()) {
      int[] parsed = parse(extension.get());
      if (parsed == null) {
        return Results.warn(
            VERSION,
            checked,
            "extensionVersion is not a version number such as 1.3.6",
            "set tenantInput.commerce.extensionVersion to the installed extension's version");
      }
      if (evidence.length() > 0) {
        evidence.append(", ");
      }
      evidence
          .append("extension ")
          .append(parsed[0])
          .append('.')
          .append(parsed[1])
          .append('.')
          .append(parsed[2]);
    }
    return Results.pass(VERSION, checked, evidence.toString());
  }

  static CheckResult credentials(Optional<CommerceInput> commerce, HttpOptions http) {
    String checked = CREDENTIALS_CHECKED;
    if (commerce.isEmpty() || commerce.get().baseUrl().isEmpty()) {
      return Results.skipped(CREDENTIALS, checked, "no Commerce baseUrl to call");
    }
    CredentialsCheckResult result;
    try (CommerceCredentialsCheck check =
        CommerceCredentialsCheck.builder().commerce(commerce.get()).httpOptions(http).build()) {
      result = check.run();
    } catch (AresValidationException e) {
      // The messages name fields, never values.
      return Results.fail(
          CREDENTIALS, checked, e.getMessage(), UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
    }
    String evidence = withStatus(result);
    if (result.verdict() == CredentialsVerdict.OK) {
      return Results.pass(CREDENTIALS, checked, evidence);
    }
    if (result.transportFailure().filter(f -> f == TransportFailure.PROXY_REFUSED).isPresent()) {
      return Results.fail(CREDENTIALS, checked, evidence, Results.PROXY_REMEDIATION);
    }
    if (result.verdict() == CredentialsVerdict.BAD_CREDENTIALS) {
      Matcher method = NOT_SUPPORTED.matcher(result.message());
      if (method.find()) {
        return Results.fail(
            CREDENTIALS,
            checked,
            "signature method not supported: " + evidence,
            signatureRemedy(method.group(1)));
      }
    }
    return storeRefused(
        CREDENTIALS,
        checked,
        evidence,
        result.verdict(),
        "the integration may not read products: grant it the API resources Catalog > Inventory"
            + " > Products (Magento_Catalog::products) and its External Media, then"
            + " reauthorize it");
  }

  /** The store's message, with its HTTP status when it gave one. */
  static String withStatus(CredentialsCheckResult result) {
    return result.message()
        + (result.httpStatus().isPresent() ? " (HTTP " + result.httpStatus().getAsInt() + ")" : "");
  }

  /**
   * A store that refused a signed request, as a failed check: Adobe's words for bad credentials and
   * for anything else, {@code permissionRemedy} for a missing product permission.
   */
  static CheckResult storeRefused(
      String id,
      String checked,
      String evidence,
      CredentialsVerdict verdict,
      String permissionRemedy) {
    return switch (verdict) {
      case BAD_CREDENTIALS ->
          Results.fail(id, checked, evidence, UserErrorCode.COMMERCE_UNAUTHORIZED);
      case MISSING_PERMISSION -> Results.fail(id, checked, evidence, permissionRemedy);
      default -> Results.fail(id, checked, evidence, UserErrorCode.COMMERCE_UNEXPECTED_ERROR);
    };
  }

  /** What to do when the store refuses a signature method; the method is server text. */
  private static String signatureRemedy(String refused) {
    String upper = refused.toUpperCase(Locale.ROOT);
    if (upper.contains("SHA256")) {
      return "the store refuses HMAC-SHA256, which ARES signs with: it is older than Commerce"
          + " 2.4.4 and wants HMAC-SHA1; upgrade Commerce to 2.4.5 or later";
    }
    return "the store wants HMAC-SHA256 (Commerce 2.4.4 and later accept only HMAC-SHA256):"
        + " sign with HMAC-SHA256";
  }

  /** major.minor.patch of {@code 2.4.7}, {@code 2.4.7-p3}; {@code null} for anything else. */
  static int[] parse(String version) {
    Matcher m = VERSION_NUMBER.matcher(version.trim());
    if (!m.matches()) {
      return null;
    }
    return new int[] {
      Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
    };
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < 3; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}
