package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external matcher rule of an App Builder workspace comes from the Developer Console's {@code
 * workspace.json}: the IMS org, the server-to-server credential and the web actions; what is
 * missing is named by its path in the file, and no secret is ever printed.
 */
class AppBuilderWorkspaceTest {

  @TempDir Path dir;

  private Path workspace(String json) throws Exception {
    Path file = dir.resolve("workspace.json");
    Files.writeString(file, json);
    return file;
  }

  private static String realistic() {
    return Fixtures.resource("appbuilder/workspace.json");
  }

  @Test
  void aDownloadedWorkspaceGivesTheRule() throws Exception {
    ExternalMatcherInput rule =
        ExternalMatcherInput.fromAppBuilderWorkspace(
            workspace(realistic()), "matcher/asset-to-product", "matcher/product-to-asset");
    assertEquals(
        "https://1234567-272khakiwren-stage.adobeioruntime.net/api/v1/web/matcher/asset-to-product",
        rule.assetToProductUrl());
    assertEquals(
        "https://1234567-272khakiwren-stage.adobeioruntime.net/api/v1/web/matcher/product-to-asset",
        rule.productToAssetUrl());
    assertEquals("0a1b2c3d4e5f60718293a4b5c6d7e8f9", rule.credentials().clientId());
    assertEquals("p8e-WORKSPACE-SECRET-0001", rule.credentials().clientSecret());
    assertEquals("1234ABCD5678EF90@AdobeOrg", rule.credentials().imsOrgId());
    assertEquals(
        "https://ims-na1.adobelogin.com/ims/token/v3", rule.credentials().oauthServerUrl());
    assertEquals(List.of(), rule.violations("externalMatcher"));
    assertFalse(rule.toString().contains("WORKSPACE-SECRET"), rule.toString());
  }

  @Test
  void everyMissingPieceIsNamedByItsPathAndNoSecretIsPrinted() throws Exception {
    String broken =
        realistic()
            .replace("\"ims_org_id\": \"1234ABCD5678EF90@AdobeOrg\"", "\"ims_org_id\": \"\"")
            .replace(
                "\"integration_type\": \"oauth_server_to_server\"",
                "\"integration_type\": \"apikey\"");
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                ExternalMatcherInput.fromAppBuilderWorkspace(
                    workspace(broken), "matcher/asset-to-product", "asset-to-product"));
    assertEquals(
        List.of(
            "workspace.json: project.org.ims_org_id",
            "workspace.json: project.workspace.details.credentials",
            "productToAssetAction"),
        e.violations().stream().map(FieldViolation::path).toList());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  @Test
  void aMissingClientIdAndActionUrlAreNamedByTheirPaths() throws Exception {
    String broken =
        realistic()
            .replace("\"client_id\": \"0a1b2c3d4e5f60718293a4b5c6d7e8f9\",", "")
            .replace(
                "\"action_url\": \"https://1234567-272khakiwren-stage.adobeioruntime.net\",", "");
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                ExternalMatcherInput.fromAppBuilderWorkspace(
                    workspace(broken), "matcher/asset-to-product", "matcher/product-to-asset"));
    assertEquals(
        List.of(
            "workspace.json: project.workspace.action_url is required",
            "workspace.json: project.workspace.details.credentials"
                + "[integration_type=oauth_server_to_server].oauth_server_to_server.client_id"
                + " is required"),
        e.violations().stream().map(FieldViolation::toString).toList());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  @Test
  void aCredentialWithoutSecretsAndAFileThatIsNotJsonAreRefused() throws Exception {
    String noSecret = realistic().replace("[\"p8e-WORKSPACE-SECRET-0001\"]", "[]");
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                ExternalMatcherInput.fromAppBuilderWorkspace(
                    workspace(noSecret), "matcher/a", "matcher/b"));
    assertTrue(
        e.violations().get(0).path().endsWith("oauth_server_to_server.client_secrets"),
        e.getMessage());
    assertThrows(
        AresValidationException.class,
        () ->
            ExternalMatcherInput.fromAppBuilderWorkspace(workspace("{\"project\":"), "a/b", "c/d"));
  }
}
