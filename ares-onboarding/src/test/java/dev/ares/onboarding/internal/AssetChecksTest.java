package dev.ares.onboarding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.UserErrorCode;
import dev.ares.matching.Asset;
import dev.ares.matching.MatchBySku;
import dev.ares.onboarding.CheckResult;
import dev.ares.onboarding.CheckStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What an asset export tells before registering: eligible assets, clean metadata, role owners. */
class AssetChecksTest {

  private static Asset asset(String id, String status, List<String> skus, List<String> roles) {
    return Asset.of(
        id,
        Map.of(
            "commerce:isCommerce", "Yes",
            "dam:status", status,
            "commerce:skus", skus,
            "commerce:roles", roles));
  }

  private static List<CheckResult> check(Asset... assets) {
    return AssetChecks.check(MatchBySku.commerceSkus(), () -> Stream.of(assets));
  }

  @Test
  void noApprovedCommerceAssetIsAdobesUnableToConnectWithAemAssets() {
    List<CheckResult> results =
        check(
            asset("a1", "draft", List.of("sku-1"), List.of("image")),
            Asset.of("a2", Map.of("commerce:isCommerce", "No")));
    assertEquals(CheckStatus.FAIL, results.get(0).status());
    assertEquals("0 of 2 assets are approved Commerce assets", results.get(0).evidence());
    assertTrue(
        results
            .get(0)
            .remediation()
            .orElseThrow()
            .contains(UserErrorCode.AEM_ASSETS_UNREACHABLE.remediation()));
    assertEquals(CheckStatus.SKIPPED, results.get(1).status());
  }

  @Test
  void cleanAssetsPass() {
    List<CheckResult> results =
        check(
            asset("a1", "approved", List.of("sku-1", "sku-2"), List.of("image;thumbnail", "image")),
            asset("a2", "approved", List.of("sku-1"), List.of("swatch_image")));
    assertEquals(CheckStatus.PASS, results.get(0).status(), results.toString());
    assertEquals(CheckStatus.PASS, results.get(1).status(), results.toString());
  }

  @Test
  void misalignedOrUnknownRolesFailNamingTheAsset() {
    List<CheckResult> misaligned =
        check(asset("a1", "approved", List.of("sku-1", "sku-2"), List.of("image", "image", "x")));
    assertEquals(CheckStatus.FAIL, misaligned.get(1).status(), misaligned.toString());
    assertTrue(misaligned.get(1).evidence().contains("a1: "), misaligned.get(1).evidence());
    assertTrue(misaligned.get(1).remediation().orElseThrow().contains(METADATA_REMEDY));

    List<CheckResult> unknown = check(asset("a2", "approved", List.of("sku-1"), List.of("hero")));
    assertEquals(CheckStatus.FAIL, unknown.get(1).status(), unknown.toString());
    assertTrue(unknown.get(1).evidence().contains("role 'hero' of sku-1"), unknown.toString());
    assertTrue(unknown.get(1).remediation().orElseThrow().contains(METADATA_REMEDY));
  }

  private static final String METADATA_REMEDY =
      "fix commerce:skus, commerce:roles (';'-joined, from [image, small_image, thumbnail,"
          + " swatch_image]) and commerce:positions (whole numbers) so that they line up";

  @Test
  void positionsThatAreNotWholeNumbersOrDoNotLineUpFailWithTheRemedy() {
    Asset notANumber =
        Asset.of(
            "a1",
            Map.of(
                "commerce:isCommerce", "Yes",
                "dam:status", "approved",
                "commerce:skus", List.of("sku-1"),
                "commerce:roles", List.of("image"),
                "commerce:positions", List.of("first")));
    Asset misaligned =
        Asset.of(
            "a2",
            Map.of(
                "commerce:isCommerce", "Yes",
                "dam:status", "approved",
                "commerce:skus", List.of("sku-2", "sku-3"),
                "commerce:roles", List.of("image", "image"),
                "commerce:positions", List.of("1")));
    for (Asset asset : List.of(notANumber, misaligned)) {
      List<CheckResult> results = check(asset);
      CheckResult metadata = results.get(1);
      assertEquals(CheckStatus.FAIL, metadata.status(), results.toString());
      assertTrue(metadata.evidence().contains(asset.assetId() + ": "), metadata.evidence());
      assertTrue(metadata.evidence().contains("commerce:positions"), metadata.evidence());
      assertTrue(
          metadata.remediation().orElseThrow().contains(METADATA_REMEDY), results.toString());
    }
  }

  @Test
  void altTextStoreViewsAndValuesMustLineUp() {
    Asset misaligned =
        Asset.of(
            "a1",
            Map.of(
                "commerce:isCommerce", "Yes",
                "dam:status", "approved",
                "commerce:skus", List.of("sku-1"),
                "commerce:altTextStoreViews", List.of("default", "fr"),
                "commerce:altTextValues", List.of("A red shirt")));
    List<CheckResult> results = check(misaligned);
    assertEquals(CheckStatus.FAIL, results.get(1).status(), results.toString());
    assertTrue(
        results.get(1).evidence().contains("commerce:altTextStoreViews has 2 entries"),
        results.toString());
    assertTrue(results.get(1).remediation().isPresent(), results.toString());
  }

  @Test
  void aRoleOfOneProductClaimedByTwoAssetsIsAWarning() {
    List<CheckResult> results =
        check(
            asset("a1", "approved", List.of("sku-1"), List.of("image")),
            asset("a2", "approved", List.of("sku-1"), List.of("image")));
    assertEquals(CheckStatus.WARN, results.get(1).status(), results.toString());
    assertTrue(results.get(1).evidence().contains("image of sku-1: a1 and a2"), results.toString());
    assertTrue(
        results.get(1).remediation().orElseThrow().contains("give each role of a product to one"));
  }

  @Test
  void theStreamIsReadOnceAndClosedEachRun() {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    List<CheckTask> tasks =
        AssetChecks.tasks(
            dev.ares.client.model.TenantInput.builder()
                .enabled(true)
                .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
                .aem(
                    dev.ares.client.model.AemInput.builder()
                        .programId("1")
                        .environmentId("2")
                        .build())
                .rule(dev.ares.client.model.MatchBySkuRuleInput.commerceSkus())
                .commerce(
                    dev.ares.client.model.CommerceInput.builder()
                        // Refused at once: the catalog lookup stays on this machine.
                        .baseUrl("http://127.0.0.1:1")
                        .credentials(
                            dev.ares.client.model.CommerceCredentialsInput.builder()
                                .consumerKey("ck")
                                .consumerSecret("cs")
                                .accessToken("at")
                                .accessTokenSecret("ats")
                                .build())
                        .build())
                .build(),
            () -> {
              opened.incrementAndGet();
              return Stream.of(asset("a1", "approved", List.of("sku-1"), List.of("image")))
                  .onClose(closed::incrementAndGet);
            },
            dev.ares.onboarding.Preflight.defaultHttpOptions()
                .withRetryPolicy(dev.ares.core.RetryPolicy.none()),
            new CommerceRestVerdict(
                java.util.Optional.empty(), dev.ares.onboarding.Preflight.defaultHttpOptions()),
            10,
            java.time.Duration.ofSeconds(30));
    tasks.get(0).work().get();
    tasks.get(0).work().get();
    assertEquals(2, opened.get());
    assertEquals(2, closed.get());
  }
}
