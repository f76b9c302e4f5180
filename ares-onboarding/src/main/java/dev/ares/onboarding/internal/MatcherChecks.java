package dev.ares.onboarding.internal;

import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresException;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpOptions;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.Urls;
import dev.ares.matching.Asset;
import dev.ares.matching.ExternalMatcher;
import dev.ares.matching.ExternalMatcherException;
import dev.ares.matching.MatchJson;
import dev.ares.onboarding.CheckResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The external matcher checks, when the rule is one: the three URLs are https (http only to a
 * loopback host) and the IMS org id looks like one; then one {@link ExternalMatcher} asks IMS for a
 * token and each action answers a probe, read as ARES reads it (App Builder's {@code statusCode}
 * envelope included), so a body off the contract is named by its JSON path. The matcher's typed
 * failures are the evidence; their messages name hosts and statuses, never a token or secret. Last,
 * each action is called once more without a token ({@link #TOKEN_REQUIRED}): one that answers is
 * public, a warning.
 *
 * <p>Internal: not part of the public API.
 */
public final class MatcherChecks {

  /** The ids, in report order. */
  public static final String URLS = "matcher.urls";

  public static final String IMS_TOKEN = "matcher.imsToken";
  public static final String ASSET_TO_PRODUCT = "matcher.assetToProduct";
  public static final String PRODUCT_TO_ASSET = "matcher.productToAsset";
  public static final String TOKEN_REQUIRED = "matcher.tokenRequired";

  private static final String URLS_CHECKED =
      "the action and IMS URLs are https, imsOrgId ends with @AdobeOrg";
  private static final String TOKEN_CHECKED = "IMS issues a token for the credentials";
  private static final String A2P_CHECKED =
      "the asset-to-product action answers a probe with a contract-conforming body";
  private static final String P2A_CHECKED =
      "the product-to-asset action answers a probe with a contract-conforming body";
  private static final String TOKEN_REQUIRED_CHECKED =
      "each action refuses a call without a token (HTTP 401 or 403)";
  private static final String PUBLIC_REMEDY =
      "anyone who knows the URL can call the action: set require-adobe-auth: true in the"
          + " annotations of both web actions (the App Builder app's ext.config.yaml or"
          + " app.config.yaml) and deploy again, so that App Builder refuses calls without a"
          + " valid IMS token";
  private static final String ACTION_REMEDY =
      "make the action answer within the timeout with the documented reply"
          + " ({\"asset_id\", \"product_matches\": [...], \"skip\"} or {\"product_sku\","
          + " \"asset_matches\": [...], \"skip\"}, bare or as App Builder's {\"statusCode\": 200,"
          + " \"body\": ...})";

  /** Commerce's image roles, in the documentation's order. */
  static final List<String> KNOWN_ROLES =
      List.of("image", "small_image", "thumbnail", "swatch_image");

  private MatcherChecks() {}

  /** The tasks: the URLs offline, then one probe task settling the token and both actions. */
  public static List<CheckTask> tasks(
      TenantInput tenant, HttpOptions http, Asset probeAsset, String probeSku) {
    ExternalMatcherInput rule =
        tenant.rule() instanceof ExternalMatcherInput external ? external : null;
    return List.of(
        CheckTask.of(URLS, URLS_CHECKED, () -> urls(rule, http)),
        new CheckTask(
            List.of(IMS_TOKEN, ASSET_TO_PRODUCT, PRODUCT_TO_ASSET),
            List.of(TOKEN_CHECKED, A2P_CHECKED, P2A_CHECKED),
            () -> probe(rule, http, probeAsset, probeSku)),
        CheckTask.of(
            TOKEN_REQUIRED,
            TOKEN_REQUIRED_CHECKED,
            () -> tokenRequired(rule, http, probeAsset, probeSku)));
  }

  static CheckResult tokenRequired(
      ExternalMatcherInput rule, HttpOptions http, Asset probeAsset, String probeSku) {
    String checked = TOKEN_REQUIRED_CHECKED;
    if (rule == null) {
      return Results.skipped(TOKEN_REQUIRED, checked, "the rule is not externalMatcher");
    }
    List<String> insecure = new ArrayList<>();
    insecure(rule.assetToProductUrl(), "assetToProductUrl", http, insecure);
    insecure(rule.productToAssetUrl(), "productToAssetUrl", http, insecure);
    if (!insecure.isEmpty()) {
      return Results.skipped(TOKEN_REQUIRED, checked, "plain http (see " + URLS + ")");
    }
    List<ActionWithoutToken.Answer> answers =
        ActionWithoutToken.call(
            http,
            rule.credentials().imsOrgId(),
            List.of(
                new ActionWithoutToken.Action(
                    "assetToProduct",
                    URI.create(rule.assetToProductUrl()),
                    MatchJson.writeAssetRequest(probeAsset)),
                new ActionWithoutToken.Action(
                    "productToAsset",
                    URI.create(rule.productToAssetUrl()),
                    MatchJson.writeProductRequest(probeSku))));
    List<String> open = new ArrayList<>();
    List<String> others = new ArrayList<>();
    boolean anyAnswer = false;
    for (ActionWithoutToken.Answer answer : answers) {
      (answer.open() ? open : others).add(answer.evidence());
      anyAnswer |= answer.answered();
    }
    if (!open.isEmpty()) {
      List<String> evidence = new ArrayList<>(open);
      evidence.addAll(others);
      return Results.warn(
          TOKEN_REQUIRED,
          checked,
          "your action is public: it answered without a token: " + String.join("; ", evidence),
          PUBLIC_REMEDY);
    }
    if (!anyAnswer) {
      // Reachability is the authenticated probes' to report; this is not a second failure.
      return Results.skipped(TOKEN_REQUIRED, checked, String.join("; ", others));
    }
    if (answers.stream().anyMatch(a -> a.answered() && !a.refused())) {
      // A redirect, a 400 or a 5xx is not the refusal of a protected action: App Builder answers
      // 401 before a protected action runs, so an action that judged the request ran without one.
      return Results.warn(
          TOKEN_REQUIRED,
          checked,
          "not confirmed that each action requires a token: " + String.join("; ", others),
          PUBLIC_REMEDY);
    }
    return Results.pass(TOKEN_REQUIRED, checked, String.join("; ", others));
  }

  static CheckResult urls(ExternalMatcherInput rule, HttpOptions http) {
    if (rule == null) {
      return Results.skipped(URLS, URLS_CHECKED, "the rule is not externalMatcher");
    }
    ExternalMatcherCredentialsInput credentials = rule.credentials();
    List<String> insecure = new ArrayList<>();
    insecure(rule.assetToProductUrl(), "assetToProductUrl", http, insecure);
    insecure(rule.productToAssetUrl(), "productToAssetUrl", http, insecure);
    insecure(credentials.oauthServerUrl(), "credentials.oauthServerUrl", http, insecure);
    if (!insecure.isEmpty()) {
      return Results.fail(
          URLS,
          URLS_CHECKED,
          "plain http: " + String.join(", ", insecure),
          "serve the actions and the token endpoint over https (App Builder's web actions are)");
    }
    if (!credentials.imsOrgId().toLowerCase(Locale.ROOT).endsWith("@adobeorg")) {
      return Results.warn(
          URLS,
          URLS_CHECKED,
          "imsOrgId does not end with @AdobeOrg",
          "copy the IMS org id (such as 1234ABCD@AdobeOrg) from the App Builder project's"
              + " OAuth server-to-server credential");
    }
    return Results.pass(
        URLS,
        URLS_CHECKED,
        "actions on "
            + Urls.hostOf(URI.create(rule.assetToProductUrl()))
            + ", IMS on "
            + Urls.hostOf(URI.create(credentials.oauthServerUrl())));
  }

  private static void insecure(String url, String field, HttpOptions http, List<String> out) {
    URI uri = URI.create(url);
    if (!http.allowInsecureHttp() && !Urls.isSecureOrLoopback(uri)) {
      out.add(field + " (" + Urls.hostOf(uri) + ")");
    }
  }

  static List<CheckResult> probe(
      ExternalMatcherInput rule, HttpOptions http, Asset probeAsset, String probeSku) {
    if (rule == null) {
      String why = "the rule is not externalMatcher";
      return List.of(
          Results.skipped(IMS_TOKEN, TOKEN_CHECKED, why),
          Results.skipped(ASSET_TO_PRODUCT, A2P_CHECKED, why),
          Results.skipped(PRODUCT_TO_ASSET, P2A_CHECKED, why));
    }
    String imsHost = Urls.hostOf(URI.create(rule.credentials().oauthServerUrl()));
    ExternalMatcher matcher;
    try {
      matcher = ExternalMatcher.builder().rule(rule).httpOptions(http).build();
    } catch (AresValidationException e) {
      String why = "the rule cannot be called: " + e.getMessage();
      return List.of(
          Results.fail(IMS_TOKEN, TOKEN_CHECKED, why, "fix the externalMatcher rule"),
          Results.skipped(ASSET_TO_PRODUCT, A2P_CHECKED, why),
          Results.skipped(PRODUCT_TO_ASSET, P2A_CHECKED, why));
    }
    try (matcher) {
      Outcome assetToProduct =
          call(
              rule.assetToProductUrl(),
              () -> {
                List<List<String>> roles = new ArrayList<>();
                matcher
                    .matchAsset(probeAsset)
                    .productMatches()
                    .forEach(m -> roles.add(m.assetRoles()));
                return new Answer(
                    "answered with " + roles.size() + " product match(es) for the probe asset",
                    unknownRoles("response.product_matches", roles));
              });
      Outcome productToAsset =
          call(
              rule.productToAssetUrl(),
              () -> {
                List<List<String>> roles = new ArrayList<>();
                matcher
                    .matchProduct(probeSku)
                    .assetMatches()
                    .forEach(m -> roles.add(m.assetRoles()));
                return new Answer(
                    "answered with " + roles.size() + " asset match(es) for the probe SKU",
                    unknownRoles("response.asset_matches", roles));
              });
      AresException tokenFailure = tokenFailure(imsHost, assetToProduct, productToAsset);
      if (tokenFailure != null) {
        String why = "no IMS token, so the actions were not called";
        return List.of(
            Results.fail(
                IMS_TOKEN,
                TOKEN_CHECKED,
                tokenFailure.getMessage(),
                tokenFailure instanceof AresTransportException t
                        && t.failure() == TransportFailure.PROXY_REFUSED
                    ? Results.PROXY_REMEDIATION
                    : "check the credential's client id, client secret and oauthServerUrl (the"
                        + " App Builder project's OAuth server-to-server credential)"),
            Results.skipped(ASSET_TO_PRODUCT, A2P_CHECKED, why),
            Results.skipped(PRODUCT_TO_ASSET, P2A_CHECKED, why));
      }
      return List.of(
          Results.pass(IMS_TOKEN, TOKEN_CHECKED, "IMS on " + imsHost + " issued a token"),
          action(ASSET_TO_PRODUCT, A2P_CHECKED, assetToProduct),
          action(PRODUCT_TO_ASSET, P2A_CHECKED, productToAsset));
    }
  }

  /**
   * The failure that came from IMS, if either call failed there: IMS refused the credentials, the
   * failure names IMS, or it came from the IMS host while the action is on another host.
   */
  private static AresException tokenFailure(String imsHost, Outcome... outcomes) {
    for (Outcome outcome : outcomes) {
      AresException e = outcome.failure;
      if (e == null) {
        continue;
      }
      if (e instanceof ExternalMatcherException m
          && m.reason() == ExternalMatcherException.Reason.TOKEN_REFUSED) {
        return e;
      }
      String message = String.valueOf(e.getMessage());
      if (message.contains("IMS")) {
        return e;
      }
      if (imsHost.equals(hostOf(e)) && !imsHost.equals(outcome.actionHost)) {
        return e;
      }
    }
    return null;
  }

  private static String hostOf(AresException e) {
    if (e instanceof ExternalMatcherException m) {
      return m.host();
    }
    if (e instanceof AresTransportException t) {
      return t.host();
    }
    if (e instanceof AresHttpException h) {
      return h.host();
    }
    return null;
  }

  /**
   * The paths of roles outside Commerce's four, such as {@code
   * response.asset_matches[0].asset_roles[1]}; the role itself is server text and is not shown.
   */
  static List<String> unknownRoles(String path, List<List<String>> rolesPerMatch) {
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < rolesPerMatch.size(); i++) {
      List<String> roles = rolesPerMatch.get(i);
      for (int j = 0; j < roles.size(); j++) {
        if (!KNOWN_ROLES.contains(roles.get(j))) {
          unknown.add(path + "[" + i + "].asset_roles[" + j + "]");
        }
      }
    }
    return unknown;
  }

  private static CheckResult action(String id, String checked, Outcome outcome) {
    if (outcome.failure == null && outcome.answer.unknownRoles.isEmpty()) {
      return Results.pass(id, checked, outcome.answer.evidence);
    }
    if (outcome.failure == null) {
      List<String> paths = outcome.answer.unknownRoles;
      return Results.fail(
          id,
          checked,
          (paths.size() > 5 ? paths.subList(0, 5) + " and " + (paths.size() - 5) + " more" : paths)
              + " not one of "
              + String.join(", ", KNOWN_ROLES),
          "answer only Commerce's roles: " + String.join(", ", KNOWN_ROLES));
    }
    return Results.fail(id, checked, outcome.failure.getMessage(), ACTION_REMEDY);
  }

  private static Outcome call(String actionUrl, Supplier<Answer> call) {
    String actionHost = Urls.hostOf(URI.create(actionUrl));
    try {
      return new Outcome(actionHost, call.get(), null);
    } catch (AresException e) {
      return new Outcome(actionHost, null, e);
    }
  }

  /** What one probe gave: the evidence of a good answer, or the matcher's typed failure. */
  private record Outcome(String actionHost, Answer answer, AresException failure) {}

  /** A good answer: what it held, and the paths of the roles Commerce does not know. */
  private record Answer(String evidence, List<String> unknownRoles) {}
}
