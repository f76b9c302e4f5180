package dev.ares.client;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Inputs shared by the tests; the secret values are distinctive so leaks are easy to find. */
final class Fixtures {

  static final String CONSUMER_KEY = "ck-7d1f0a9e3b";
  static final String CONSUMER_SECRET = "cs-SECRET-4a8b2c";
  static final String ACCESS_TOKEN = "at-TOKEN-9e7d5c";
  static final String ACCESS_TOKEN_SECRET = "ats-SECRET-1f3e5d";
  static final String CLIENT_SECRET = "p8e-CLIENT-SECRET-77aa";
  static final String API_KEY = "apikey-SECRET-0042";
  static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWdlIn0.SIGNATURE-SECRET";

  static final List<String> SECRETS =
      List.of(
          CONSUMER_KEY,
          CONSUMER_SECRET,
          ACCESS_TOKEN,
          ACCESS_TOKEN_SECRET,
          CLIENT_SECRET,
          API_KEY,
          JWT);

  private Fixtures() {}

  static CommerceCredentialsInput commerceCredentials() {
    return CommerceCredentialsInput.builder()
        .consumerKey(CONSUMER_KEY)
        .consumerSecret(CONSUMER_SECRET)
        .accessToken(ACCESS_TOKEN)
        .accessTokenSecret(ACCESS_TOKEN_SECRET)
        .build();
  }

  static TenantInput.Builder tenantBuilder() {
    return TenantInput.builder()
        .enabled(true)
        .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
        .aem(AemInput.builder().programId("11111").environmentId("222222").build())
        .commerce(
            CommerceInput.builder()
                .baseUrl("https://assets-rp3st7y-efo2rc3kezxte.eu-4.magentosite.cloud")
                .credentials(commerceCredentials())
                .build())
        .rule(MatchBySkuRuleInput.commerceSkus());
  }

  static TenantInput tenant() {
    return tenantBuilder().build();
  }

  static ExternalMatcherInput externalMatcher() {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(
            "https://1234-matcher.adobeio-static.net/api/v1/web/matcher/asset-to-product")
        .productToAssetUrl(
            "https://1234-matcher.adobeio-static.net/api/v1/web/matcher/product-to-asset")
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl("https://ims-na1.adobelogin.com/ims/token/v3")
                .clientId("client-id-123")
                .clientSecret(CLIENT_SECRET)
                .imsOrgId("1234ABCD@AdobeOrg")
                .build())
        .build();
  }

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
