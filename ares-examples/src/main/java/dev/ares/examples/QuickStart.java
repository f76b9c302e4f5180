package dev.ares.examples;

import dev.ares.client.AresClient;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.testing.FakeAresServer;
import dev.ares.core.AresException;

/**
 * The README's quick start as a program: build a tenant with the typed builders and register it. It
 * runs against a loopback fake ARES so it needs no credentials; point {@code endpoint(...)} at
 * {@code AresEndpoints.COMMERCE} and pass real values to register for real.
 *
 * <p>{@code java -cp ares-examples/target/ares-examples.jar dev.ares.examples.QuickStart}
 */
public final class QuickStart {

  private QuickStart() {}

  /** Registers one tenant and prints its id, or the user errors. */
  public static void main(String[] args) {
    SecretLoggers
        .keepOffUnlessNamed(); // the examples' own logging set-up, before any logger exists
    TenantInput tenant =
        TenantInput.builder()
            .enabled(true)
            .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
            .aem(AemInput.fromAuthorUrl("https://author-p11111-e222222.adobeaemcloud.com/"))
            .commerce(
                CommerceInput.builder()
                    .baseUrl("https://store.example.com")
                    .credentials(
                        CommerceCredentialsInput.builder()
                            .consumerKey("my-consumer-key")
                            .consumerSecret("my-consumer-secret")
                            .accessToken("my-access-token")
                            .accessTokenSecret("my-access-token-secret")
                            .build())
                    .build())
            .rule(MatchBySkuRuleInput.commerceSkus())
            .build(); // validates the whole tree; secrets print as ****
    System.out.println("tenant: " + tenant);

    try (FakeAresServer ares = FakeAresServer.start();
        AresClient client =
            AresClient.builder()
                .endpoint(ares.endpoint()) // default: AresEndpoints.COMMERCE
                .apiKey("my-api-key") // x-api-key
                .environmentId("my-environment-id") // magento-environment-id
                .gatewaySignature(() -> "my-jwt") // x-gw-signature, asked on every attempt
                .build()) {
      RegisterTenantResult result = client.registerTenant(tenant);
      if (result.isSuccess()) {
        System.out.println("registered: " + result.tenantId().get());
      } else {
        result
            .userErrors()
            .forEach(e -> System.out.println("refused: " + e.path() + " " + e.message()));
      }
    } catch (AresException e) {
      System.out.println("failed after " + e.attempts() + " attempt(s): " + e.getMessage());
    }
  }
}
