package dev.ares.client.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Adobe's documented ARES user errors, each with what to do about it, so that code can {@code
 * switch} on {@link UserError#code()} instead of comparing messages. Anything else is {@link
 * #UNKNOWN}.
 *
 * <p>A message is recognised by its words only: case, punctuation and text around the documented
 * message do not matter ({@code "error: TENANT ALREADY EXISTS!"} is {@link
 * #TENANT_ALREADY_EXISTS}), but every word must be there, in order, whole. A message holding the
 * words of two codes is {@link #UNKNOWN} rather than a guess.
 */
public enum UserErrorCode {
  /** {@code Tenant already exists}. */
  TENANT_ALREADY_EXISTS(
      "Tenant already exists",
      "the mageID (from the JWT in x-gw-signature) plus the SaaS environment id (the"
          + " magento-environment-id header) is already registered: this Commerce environment"
          + " already has a tenant; register another environment, or change this one in the"
          + " Commerce Admin"),
  /** {@code IMS Org ID not associated to this Commerce}. */
  IMS_ORG_NOT_ASSOCIATED(
      "IMS Org ID not associated to this Commerce",
      "the environment id sent in magento-environment-id is not assigned to the IMS org, or IMS"
          + " was not connected when the Commerce Services Connector was set up: check the SaaS"
          + " identifiers and the IMS connection in the Commerce Services Connector"),
  /** {@code Client ID is missing}. */
  CLIENT_ID_MISSING(
      "Client ID is missing",
      "the x-api-key header is absent: set the API key of your Magento account with apiKey(...)"),
  /** {@code Client ID is invalid}. */
  CLIENT_ID_INVALID(
      "Client ID is invalid",
      "the x-api-key header is wrong: use the public API key of your Magento account"),
  /** {@code JWT is required}. */
  JWT_REQUIRED(
      "JWT is required",
      "the x-gw-signature header is absent: set the JWT of the mageID with gatewaySignature(...)"),
  /** {@code JWT is invalid}. */
  JWT_INVALID(
      "JWT is invalid",
      "the x-gw-signature header is wrong or expired: send a current JWT of the mageID"),
  /** {@code Unexpected error when connecting with AEM Assets}. */
  AEM_ASSETS_UNEXPECTED_ERROR(
      "Unexpected error when connecting with AEM Assets",
      "the AEM programId or environmentId is invalid or does not exist: copy both from the author"
          + " URL https://author-p<programId>-e<environmentId>.adobeaemcloud.com/"),
  /** {@code Unable to connect with AEM Assets}. */
  AEM_ASSETS_UNREACHABLE(
      "Unable to connect with AEM Assets",
      "AEM Assets is in another IMS org, or it has no commerce:isCommerce metadata or no approved"
          + " assets: use an AEM environment of the same IMS org, configured with the Commerce"
          + " metadata, with approved assets"),
  /** {@code Unexpected error when connecting with Commerce}. */
  COMMERCE_UNEXPECTED_ERROR(
      "Unexpected error when connecting with Commerce",
      "the Commerce baseUrl is invalid: use the base URL of the Commerce storefront"),
  /** {@code Unable to connect with Commerce, unauthorized}. */
  COMMERCE_UNAUTHORIZED(
      "Unable to connect with Commerce, unauthorized",
      "the Commerce OAuth credentials are wrong: check consumerKey, consumerSecret, accessToken"
          + " and accessTokenSecret of the integration (CommerceCredentialsCheck tries them)"),
  /** {@code Invalid rule. The value must be matchBySKU or externalMatcher}. */
  INVALID_RULE(
      "Invalid rule. The value must be matchBySKU or externalMatcher",
      "the rule is neither matchBySKU nor externalMatcher: call rule(...) with"
          + " MatchBySkuRuleInput or ExternalMatcherInput"),
  /** Any other message; read {@link UserError#message()}. */
  UNKNOWN(
      null,
      "not one of Adobe's documented user errors: read the message and the path, and check the"
          + " input field the path names");

  private final String documentedMessage;
  private final String remediation;
  private final String words;

  UserErrorCode(String documentedMessage, String remediation) {
    this.documentedMessage = documentedMessage;
    this.remediation = remediation;
    this.words = documentedMessage == null ? null : words(documentedMessage);
  }

  /** Adobe's message for this code, as documented; {@code null} for {@link #UNKNOWN}. */
  public String documentedMessage() {
    return documentedMessage;
  }

  /** What causes this error and what to do about it, from Adobe's table; one line. */
  public String remediation() {
    return remediation;
  }

  /**
   * The code of a user error message: the one code whose documented words it holds, whole and in
   * order, ignoring case, punctuation and surrounding text; {@link #UNKNOWN} when none does, when
   * more than one does, or when {@code message} is {@code null}.
   */
  public static UserErrorCode of(String message) {
    if (message == null) {
      return UNKNOWN;
    }
    String found = words(message);
    UserErrorCode match = UNKNOWN;
    for (UserErrorCode code : values()) {
      if (code.words != null && found.contains(code.words)) {
        if (match != UNKNOWN) {
          return UNKNOWN;
        }
        match = code;
      }
    }
    return match;
  }

  /** Lower-case words, each followed by one space and the whole preceded by one. */
  private static String words(String text) {
    String joined =
        Separators.NOT_A_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    return " " + joined + " ";
  }

  /** Apart, because the constants are built before the enum's own static fields. */
  private static final class Separators {
    static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  }
}
