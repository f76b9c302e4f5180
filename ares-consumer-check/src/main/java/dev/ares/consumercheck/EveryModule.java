package dev.ares.consumercheck;

import dev.ares.client.AresClient;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.commerce.oauth.CommerceRequestSigner;
import dev.ares.commerce.oauth.CredentialsCheckResult;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductMatch;
import dev.ares.micrometer.MicrometerEventListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Touches the public types of every SDK module, the Immutables-generated ones (builders, {@code
 * with*} copies, {@code from}) included, so that javac reads their class files as a user's build
 * would.
 */
public final class EveryModule {

  private EveryModule() {}

  /** A tenant built as the README's quick start builds one. */
  static TenantInput tenant() {
    CommerceCredentialsInput credentials =
        CommerceCredentialsInput.builder()
            .consumerKey("ck")
            .consumerSecret("cs")
            .accessToken("at")
            .accessTokenSecret("ats")
            .build();
    return TenantInput.builder()
        .enabled(true)
        .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
        .aem(AemInput.fromAuthorUrl("https://author-p11111-e222222.adobeaemcloud.com/"))
        .commerce(
            CommerceInput.builder()
                .baseUrl("https://store.example.com")
                .credentials(credentials)
                .build())
        .rule(MatchBySkuRuleInput.commerceSkus())
        .build();
  }

  /** Every module's public types, used. */
  public static void main(String[] args) {
    TenantInput tenant = tenant();
    TenantInput copy = TenantInput.builder().from(tenant).threshold(80).build();
    HttpOptions options =
        AresClient.defaultHttpOptions()
            .withRetryPolicy(RetryPolicy.builder().maxAttempts(2).build())
            .withCallTimeout(Duration.ofSeconds(10));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HttpEventListener listener =
        HttpEventListener.logging().andThen(MicrometerEventListener.of(registry));
    try (AresClient ares =
        AresClient.builder()
            .apiKey("key")
            .environmentId("env")
            .gatewaySignature("jwt")
            .httpOptions(options)
            .eventListener(listener)
            .build()) {
      System.out.println(ares + " " + copy.threshold());
    }
    RegisterTenantResult refused =
        RegisterTenantResult.builder()
            .addUserErrors(
                UserError.builder()
                    .message("Tenant already exists")
                    .path(List.of("tenantInput", "projectId"))
                    .build())
            .build();
    System.out.println(refused.userErrors().get(0).describe());
    CommerceRequestSigner signer =
        CommerceRequestSigner.builder(tenant.commerce().orElseThrow().credentials()).build();
    Optional<CredentialsCheckResult> noCheck = Optional.empty();
    System.out.println(signer + " " + noCheck);
    try (AssetMatcher matcher = MatchBySku.commerceSkus()) {
      AssetToProductResult result =
          matcher.matchAsset(Asset.of("urn:aaid:aem:1", Map.of("commerce:isCommerce", "yes")));
      System.out.println(
          result.withProductMatches(ProductMatch.builder().productSku("sku-1").build()));
    }
    try {
      TenantInput.builder().build();
    } catch (AresValidationException e) {
      System.out.println(e.violations());
    }
  }
}
