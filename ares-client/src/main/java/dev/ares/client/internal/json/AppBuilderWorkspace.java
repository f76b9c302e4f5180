package dev.ares.client.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.json.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code workspace.json} the Adobe Developer Console downloads for an App Builder
 * workspace (the file Commerce's Admin imports): {@code project.org.ims_org_id}, the OAuth
 * server-to-server credential in {@code project.workspace.details.credentials} ({@code client_id},
 * the first of {@code client_secrets}) and {@code project.workspace.action_url}, the base of the
 * web actions ({@code {action_url}/api/v1/web/{package}/{action}}). Every missing piece is named by
 * its path in the file.
 *
 * <p>Internal: not part of the public API; use {@code
 * ExternalMatcherInput.fromAppBuilderWorkspace}.
 */
public final class AppBuilderWorkspace {

  /** The largest file read; a downloaded workspace.json is a few KiB. */
  public static final long MAX_BYTES = 1 << 20;

  /** Adobe IMS's token endpoint for OAuth server-to-server credentials. */
  public static final String IMS_TOKEN_URL = "https://ims-na1.adobelogin.com/ims/token/v3";

  private AppBuilderWorkspace() {}

  /**
   * The rule whose actions are {@code assetToProductAction} and {@code productToAssetAction}
   * ({@code package/action}, as {@code aio app deploy} names web actions) in the workspace.
   *
   * @throws AresValidationException naming each missing or malformed piece, such as {@code
   *     workspace.json: project.org.ims_org_id is required}
   */
  public static ExternalMatcherInput read(
      byte[] json, String fileName, String assetToProductAction, String productToAssetAction) {
    JsonNode root = StrictJson.read(json, fileName);
    List<FieldViolation> problems = new ArrayList<>();
    JsonNode project = root == null ? null : root.path("project");
    String imsOrgId =
        text(at(project, "org", "ims_org_id"), fileName, "project.org.ims_org_id", problems);
    String actionUrl =
        text(
            at(project, "workspace", "action_url"),
            fileName,
            "project.workspace.action_url",
            problems);
    JsonNode credential = serverToServer(project, fileName, problems);
    String clientId =
        credential == null
            ? null
            : text(credential.path("client_id"), fileName, CREDENTIAL + ".client_id", problems);
    String clientSecret = null;
    if (credential != null) {
      JsonNode secrets = credential.path("client_secrets");
      if (!secrets.isArray() || secrets.isEmpty() || !secrets.get(0).isTextual()) {
        problems.add(
            FieldViolation.of(
                fileName + ": " + CREDENTIAL + ".client_secrets", "must hold at least one secret"));
      } else {
        clientSecret = secrets.get(0).asText();
      }
    }
    action(assetToProductAction, "assetToProductAction", problems);
    action(productToAssetAction, "productToAssetAction", problems);
    if (!problems.isEmpty()) {
      throw new AresValidationException(problems);
    }
    String base =
        actionUrl.endsWith("/") ? actionUrl.substring(0, actionUrl.length() - 1) : actionUrl;
    return ExternalMatcherInput.builder()
        .assetToProductUrl(base + "/api/v1/web/" + assetToProductAction)
        .productToAssetUrl(base + "/api/v1/web/" + productToAssetAction)
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(IMS_TOKEN_URL)
                .clientId(clientId)
                .clientSecret(clientSecret)
                .imsOrgId(imsOrgId)
                .build())
        .build();
  }

  private static final String CREDENTIAL =
      "project.workspace.details.credentials[integration_type=oauth_server_to_server]"
          + ".oauth_server_to_server";

  private static JsonNode serverToServer(
      JsonNode project, String fileName, List<FieldViolation> problems) {
    JsonNode credentials =
        project == null ? null : project.path("workspace").path("details").path("credentials");
    if (credentials != null && credentials.isArray()) {
      for (JsonNode c : credentials) {
        if ("oauth_server_to_server".equals(c.path("integration_type").asText())
            && c.path("oauth_server_to_server").isObject()) {
          return c.path("oauth_server_to_server");
        }
      }
    }
    problems.add(
        FieldViolation.of(
            fileName + ": project.workspace.details.credentials",
            "holds no OAuth server-to-server credential (add one to the workspace in the Developer"
                + " Console and download workspace.json again)"));
    return null;
  }

  private static JsonNode at(JsonNode node, String object, String field) {
    return node == null ? null : node.path(object).path(field);
  }

  private static String text(
      JsonNode value, String fileName, String path, List<FieldViolation> problems) {
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      problems.add(FieldViolation.of(fileName + ": " + path, "is required"));
      return null;
    }
    return value.asText().trim();
  }

  private static void action(String name, String what, List<FieldViolation> problems) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      problems.add(
          FieldViolation.of(what, "must be package/action, such as matcher/asset-to-product"));
    }
  }
}
