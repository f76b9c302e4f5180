package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.RuleType;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TenantInputTest {

  @Test
  void buildsAValidTenant() {
    TenantInput t = Fixtures.tenant();
    assertEquals("8231afb6-90cd-65e8-84ba-d9abac0f94e6", t.projectId());
    assertEquals(RuleType.MATCH_BY_SKU, t.ruleType());
    assertEquals("commerce:skus", ((MatchBySkuRuleInput) t.rule()).metadataField());
    assertEquals(true, t.enabled().get());
  }

  @Test
  void missingFieldsAreAllReportedByPath() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                TenantInput.builder()
                    .commerce(
                        CommerceInput.builder().credentials(Fixtures.commerceCredentials()).build())
                    .aem(AemInput.builder().programId(" ").build())
                    .build());
    assertEquals(
        List.of(
            "tenantInput.projectId is required",
            "tenantInput.aem.programId must not be blank",
            "tenantInput.aem.environmentId is required",
            "tenantInput.rule is required: call rule(...) with MatchBySkuRuleInput or"
                + " ExternalMatcherInput"),
        e.violations().stream().map(FieldViolation::toString).collect(Collectors.toList()));
    assertTrue(e.getMessage().startsWith("tenantInput.projectId is required; "));
    assertEquals(0, e.attempts());
  }

  @Test
  void credentialsNameEveryMissingFieldWhenBuilt() {
    AresValidationException commerce =
        assertThrows(
            AresValidationException.class, () -> CommerceCredentialsInput.builder().build());
    assertEquals(
        List.of(
            "commerceCredentialsInput.consumerKey is required",
            "commerceCredentialsInput.consumerSecret is required",
            "commerceCredentialsInput.accessToken is required",
            "commerceCredentialsInput.accessTokenSecret is required"),
        commerce.violations().stream().map(FieldViolation::toString).toList());
    AresValidationException partial =
        assertThrows(
            AresValidationException.class,
            () -> CommerceCredentialsInput.builder().consumerSecret("s").accessToken(" ").build());
    assertEquals(
        "commerceCredentialsInput.consumerKey is required;"
            + " commerceCredentialsInput.accessToken must not be blank;"
            + " commerceCredentialsInput.accessTokenSecret is required",
        partial.getMessage());
    assertThrows(
        AresValidationException.class,
        () -> Fixtures.commerceCredentials().withConsumerSecret(null),
        "a copy is checked too");
    AresValidationException matcher =
        assertThrows(
            AresValidationException.class, () -> ExternalMatcherCredentialsInput.builder().build());
    assertEquals(
        List.of(
            "externalMatcherCredentialsInput.oauthServerUrl is required",
            "externalMatcherCredentialsInput.clientId is required",
            "externalMatcherCredentialsInput.clientSecret is required",
            "externalMatcherCredentialsInput.imsOrgId is required"),
        matcher.violations().stream().map(FieldViolation::toString).toList());
    assertEquals(
        List.of("externalMatcherCredentialsInput.oauthServerUrl must be an absolute http(s) URL"),
        assertThrows(
                AresValidationException.class,
                () ->
                    ExternalMatcherCredentialsInput.builder()
                        .oauthServerUrl("not a url")
                        .clientId("c")
                        .clientSecret("s")
                        .imsOrgId("o")
                        .build())
            .violations()
            .stream()
            .map(FieldViolation::toString)
            .toList());
  }

  @Test
  void urlsMustBeAbsoluteHttpAndThresholdInRange() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                Fixtures.tenantBuilder()
                    .commerce(
                        CommerceInput.builder()
                            .baseUrl("ftp://store")
                            .credentials(Fixtures.commerceCredentials())
                            .build())
                    .threshold(101)
                    .rule(
                        ExternalMatcherInput.builder()
                            .assetToProductUrl("/relative")
                            .productToAssetUrl("https://ok.example.com/p")
                            .credentials(
                                ExternalMatcherCredentialsInput.builder()
                                    .oauthServerUrl("https://ims.example.com/token")
                                    .clientId("c")
                                    .clientSecret("s")
                                    .imsOrgId("o")
                                    .build())
                            .build())
                    .build());
    assertEquals(
        List.of(
            "tenantInput.commerce.baseUrl must be an absolute http(s) URL",
            "tenantInput.externalMatcher.assetToProductUrl must be an absolute http(s) URL",
            "tenantInput.threshold must be between 0 and 100"),
        e.violations().stream().map(FieldViolation::toString).collect(Collectors.toList()));
  }

  @Test
  void aUrlWithAUserAndPasswordIsRefusedWithoutQuotingThem() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                Fixtures.tenantBuilder()
                    .commerce(
                        CommerceInput.builder()
                            .baseUrl("https://admin:s3cr3t-pw@shop.example.com")
                            .credentials(Fixtures.commerceCredentials())
                            .build())
                    .build());
    assertEquals(1, e.violations().size(), e.getMessage());
    assertEquals("tenantInput.commerce.baseUrl", e.violations().get(0).path());
    assertTrue(
        e.violations().get(0).message().startsWith("must not contain a user name or password"),
        e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
    assertFalse(e.getMessage().contains("admin"), e.getMessage());
  }

  @Test
  void thresholdBoundsAreInclusive() {
    assertEquals(0, Fixtures.tenantBuilder().threshold(0).build().threshold().getAsInt());
    assertEquals(100, Fixtures.tenantBuilder().threshold(100).build().threshold().getAsInt());
  }

  @Test
  void controlCharactersAndNullsAreViolationsNotExceptions() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                Fixtures.tenantBuilder()
                    .projectId("abc\r\nx-evil: 1")
                    .commerce((CommerceInput) null)
                    .rule(MatchBySkuRuleInput.of(null))
                    .build());
    assertEquals(
        List.of(
            "tenantInput.projectId must not contain control characters",
            "tenantInput.matchBySkuRule.metadataField is required"),
        e.violations().stream().map(FieldViolation::toString).collect(Collectors.toList()));
  }

  @Test
  void unpairedSurrogatesAreRefusedButEmojiAreFine() {
    assertEquals(
        "tenantInput.projectId must be valid Unicode text",
        assertThrows(
                AresValidationException.class,
                () -> Fixtures.tenantBuilder().projectId("p\ud83d").build())
            .getMessage());
    assertEquals(
        "p\ud83d\ude42", Fixtures.tenantBuilder().projectId("p\ud83d\ude42").build().projectId());
  }

  @Test
  void aemInputFromAuthorUrl() {
    AemInput aem = AemInput.fromAuthorUrl("https://author-p11111-e222222.adobeaemcloud.com/");
    assertEquals("11111", aem.programId());
    assertEquals("222222", aem.environmentId());
    assertEquals(
        "222222",
        AemInput.fromAuthorUrl("https://author-p1-e222222.adobeaemcloud.com").environmentId());
  }

  @Test
  void aemInputFromAnotherUrlShapeIsAClearError() {
    for (String bad :
        new String[] {
          "https://publish-p1-e2.adobeaemcloud.com/",
          "http://author-p1-e2.adobeaemcloud.com/",
          "https://author-p1-e2.example.com/",
          null
        }) {
      AresValidationException e =
          assertThrows(AresValidationException.class, () -> AemInput.fromAuthorUrl(bad));
      assertEquals("authorUrl", e.violations().get(0).path());
      assertTrue(e.getMessage().contains("author-p<programId>-e<environmentId>"), e.getMessage());
    }
  }

  @Test
  void credentialsPrintAsAMask() {
    TenantInput t = Fixtures.tenantBuilder().rule(Fixtures.externalMatcher()).build();
    String printed = t.toString() + Fixtures.commerceCredentials() + Fixtures.externalMatcher();
    for (String secret : Fixtures.SECRETS) {
      assertFalse(printed.contains(secret), "leaked " + secret + " in " + printed);
    }
    assertTrue(printed.contains("consumerSecret=****"), printed);
    assertTrue(printed.contains("clientSecret=****"), printed);
    assertTrue(printed.contains("clientId=client-id-123"), printed);
  }

  @Test
  void oneRuleOnlyAndToBuilderCopies() {
    TenantInput sku = Fixtures.tenant();
    TenantInput external = sku.withRule(Fixtures.externalMatcher());
    assertEquals(RuleType.EXTERNAL_MATCHER, external.ruleType());
    assertEquals(RuleType.MATCH_BY_SKU, sku.ruleType());
    assertEquals(sku, TenantInput.builder().from(sku).build());
  }
}
