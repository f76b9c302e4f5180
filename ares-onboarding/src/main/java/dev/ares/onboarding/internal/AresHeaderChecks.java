package dev.ares.onboarding.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.client.model.UserErrorCode;
import dev.ares.core.AresValidationException;
import dev.ares.core.internal.WireTextRules;
import dev.ares.core.internal.json.StrictJson;
import dev.ares.onboarding.AresHeaders;
import dev.ares.onboarding.CheckResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ARES header checks: the API key and environment id are present and printable, and the JWT is
 * three base64url parts with a JSON header and claims, not expired when it carries {@code exp}.
 * Offline: nothing is sent. No value is ever repeated in the evidence.
 *
 * <p>Internal: not part of the public API.
 */
public final class AresHeaderChecks {

  /** The ids, in report order. */
  public static final String API_KEY = "ares.apiKey";

  public static final String ENVIRONMENT_ID = "ares.environmentId";
  public static final String JWT = "ares.jwt";

  private static final String API_KEY_CHECKED = "x-api-key is present and printable";
  private static final String ENVIRONMENT_ID_CHECKED =
      "magento-environment-id is present and printable";
  private static final String JWT_CHECKED = "x-gw-signature is a well-formed, unexpired JWT";

  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

  private AresHeaderChecks() {}

  /** The three tasks; each a skip when no headers were given. */
  public static List<CheckTask> tasks(AresHeaders headers, Clock clock) {
    return List.of(
        CheckTask.of(API_KEY, API_KEY_CHECKED, () -> apiKey(headers)),
        CheckTask.of(ENVIRONMENT_ID, ENVIRONMENT_ID_CHECKED, () -> environmentId(headers)),
        CheckTask.of(JWT, JWT_CHECKED, () -> jwt(headers, clock)));
  }

  static CheckResult apiKey(AresHeaders headers) {
    String checked = API_KEY_CHECKED;
    if (headers == null) {
      return Results.skipped(API_KEY, checked, "no ARES header settings given");
    }
    String problem = WireTextRules.problemWithRequiredHeaderValue(headers.apiKey());
    if (problem == null) {
      return Results.pass(API_KEY, checked, "present");
    }
    UserErrorCode code =
        headers.apiKey() == null || headers.apiKey().isBlank()
            ? UserErrorCode.CLIENT_ID_MISSING
            : UserErrorCode.CLIENT_ID_INVALID;
    return Results.fail(API_KEY, checked, "the API key " + problem, code);
  }

  static CheckResult environmentId(AresHeaders headers) {
    String checked = ENVIRONMENT_ID_CHECKED;
    if (headers == null) {
      return Results.skipped(ENVIRONMENT_ID, checked, "no ARES header settings given");
    }
    String problem = WireTextRules.problemWithRequiredHeaderValue(headers.environmentId());
    if (problem == null) {
      return Results.pass(ENVIRONMENT_ID, checked, "present");
    }
    return Results.fail(
        ENVIRONMENT_ID,
        checked,
        "the environment id " + problem,
        UserErrorCode.IMS_ORG_NOT_ASSOCIATED);
  }

  static CheckResult jwt(AresHeaders headers, Clock clock) {
    String checked = JWT_CHECKED;
    if (headers == null) {
      return Results.skipped(JWT, checked, "no ARES header settings given");
    }
    String jwt = headers.gatewaySignature();
    String problem = WireTextRules.problemWithRequiredHeaderValue(jwt);
    if (problem != null) {
      UserErrorCode code =
          jwt == null || jwt.isBlank() ? UserErrorCode.JWT_REQUIRED : UserErrorCode.JWT_INVALID;
      return Results.fail(JWT, checked, "the JWT " + problem, code);
    }
    String[] parts = jwt.trim().split("\\.", -1);
    if (parts.length != 3) {
      return invalid(checked, "the JWT has " + parts.length + " dot-separated parts, not 3");
    }
    String[] names = {"header", "claims", "signature"};
    for (int i = 0; i < 3; i++) {
      if (!BASE64URL.matcher(parts[i]).matches()) {
        return invalid(checked, "the JWT's " + names[i] + " is not base64url");
      }
    }
    JsonNode header = decode(parts[0]);
    if (header == null || !header.isObject()) {
      return invalid(checked, "the JWT's header is not a JSON object");
    }
    JsonNode claims = decode(parts[1]);
    if (claims == null || !claims.isObject()) {
      return invalid(checked, "the JWT's claims are not a JSON object");
    }
    JsonNode exp = claims.get("exp");
    if (exp == null) {
      return Results.pass(JWT, checked, "well-formed, without exp");
    }
    if (!exp.isNumber()) {
      return invalid(checked, "the JWT's exp claim is not a number");
    }
    Instant now = clock.instant();
    // A NumericDate is seconds; a huge one is simply far in the future.
    long expSeconds = exp.canConvertToLong() ? exp.asLong() : Long.MAX_VALUE;
    if (expSeconds <= now.getEpochSecond()) {
      return invalid(
          checked,
          "the JWT expired " + describe(expSeconds) + " (now " + now.getEpochSecond() + ")");
    }
    return Results.pass(JWT, checked, "well-formed, expires " + describe(expSeconds));
  }

  private static String describe(long epochSeconds) {
    return epochSeconds > Instant.MAX.getEpochSecond()
            || epochSeconds < Instant.MIN.getEpochSecond()
        ? "at " + epochSeconds
        : "at " + Instant.ofEpochSecond(epochSeconds);
  }

  private static CheckResult invalid(String checked, String evidence) {
    return Results.fail(JWT, checked, evidence, UserErrorCode.JWT_INVALID);
  }

  private static JsonNode decode(String part) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(part);
      return StrictJson.read(new String(bytes, StandardCharsets.UTF_8), "jwt");
    } catch (IllegalArgumentException | AresValidationException e) {
      return null; // what it holds is the caller's secret: neither message is repeated
    }
  }
}
