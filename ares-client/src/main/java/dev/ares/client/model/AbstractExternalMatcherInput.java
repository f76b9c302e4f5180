package dev.ares.client.model;

import dev.ares.client.internal.TenantInputValidator;
import dev.ares.client.internal.json.AppBuilderWorkspace;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.immutables.value.Value;

/**
 * The {@code externalMatcher} rule: ARES calls two App Builder actions to match assets to products
 * and products to assets.
 */
@Value.Immutable
abstract non-sealed class AbstractExternalMatcherInput implements MatchingRule {

  /** The action ARES calls with an asset to learn its products. */
  @Nullable
  public abstract String assetToProductUrl();

  /** The action ARES calls with a product SKU to learn its assets. */
  @Nullable
  public abstract String productToAssetUrl();

  /** The IMS credentials ARES uses to call both actions. */
  @Nullable
  public abstract ExternalMatcherCredentialsInput credentials();

  /**
   * The rule of an App Builder workspace, from the {@code workspace.json} the Adobe Developer
   * Console downloads (the file Commerce's Admin imports since extension 1.2.13): the IMS org, the
   * OAuth server-to-server credential ({@code client_id}, the first of {@code client_secrets}), and
   * the two web actions under the workspace's {@code action_url}, named {@code package/action}. The
   * token endpoint is Adobe IMS's ({@code https://ims-na1.adobelogin.com/ims/token/v3}).
   *
   * <pre>{@code
   * ExternalMatcherInput rule = ExternalMatcherInput.fromAppBuilderWorkspace(
   *     Path.of("workspace.json"), "matcher/asset-to-product", "matcher/product-to-asset");
   * }</pre>
   *
   * @throws java.io.IOException when the file cannot be read
   * @throws dev.ares.core.AresValidationException naming every missing or malformed piece by its
   *     path in the file, such as {@code workspace.json: project.org.ims_org_id is required}
   */
  public static ExternalMatcherInput fromAppBuilderWorkspace(
      Path workspaceJson, String assetToProductAction, String productToAssetAction)
      throws IOException {
    if (Files.size(workspaceJson) > AppBuilderWorkspace.MAX_BYTES) {
      throw new AresValidationException(
          List.of(
              FieldViolation.of(
                  String.valueOf(workspaceJson.getFileName()),
                  "is larger than "
                      + AppBuilderWorkspace.MAX_BYTES
                      + " bytes: not a workspace.json")));
    }
    return AppBuilderWorkspace.read(
        Files.readAllBytes(workspaceJson),
        String.valueOf(workspaceJson.getFileName()),
        assetToProductAction,
        productToAssetAction);
  }

  @Override
  public final RuleType ruleType() {
    return RuleType.EXTERNAL_MATCHER;
  }

  /**
   * Every problem with this rule standing on its own (the URLs, the IMS credentials), each path
   * under {@code root}, such as {@code externalMatcher}; empty when it can be used. A {@code
   * TenantInput} checks the same when it is built.
   */
  public final List<FieldViolation> violations(String root) {
    return TenantInputValidator.violations((ExternalMatcherInput) this, root);
  }
}
