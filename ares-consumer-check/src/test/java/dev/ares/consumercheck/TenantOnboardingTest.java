package dev.ares.consumercheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.AresClient;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.UserErrorCode;
import dev.ares.client.testing.AresFakeContract;
import dev.ares.client.testing.FakeAnswer;
import dev.ares.commerce.oauth.CommerceCredentialsCheck;
import dev.ares.commerce.oauth.CredentialsVerdict;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.consumercheck.TenantOnboarding.Status;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.ExternalMatcher;
import dev.ares.matching.MatchBySku;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A user's tests of a user's service, on the SDK's fakes from the testing jars, as the README tells
 * a new team to write them; both ARES fakes give the same outcomes.
 */
class TenantOnboardingTest {

  private static final HttpOptions FAST =
      AresClient.defaultHttpOptions()
          .withRetryPolicy(
              RetryPolicy.builder()
                  .initialBackoff(Duration.ofMillis(1))
                  .maxBackoff(Duration.ofMillis(1))
                  .build())
          .withAttemptTimeout(Duration.ofSeconds(2));

  /**
   * Runs {@code test} with a service on the in-memory fake, then on the loopback server, each made
   * by the contract's own factories.
   */
  private static void onBothFakes(Consumer<Fake> test) {
    for (Function<HttpOptions, AresFakeContract.Subject> fake :
        List.<Function<HttpOptions, AresFakeContract.Subject>>of(
            AresFakeContract::inMemory, AresFakeContract::overLoopbackHttp)) {
      try (AresFakeContract.Subject subject = fake.apply(FAST)) {
        test.accept(new Fake(new TenantOnboarding(subject.client()), subject::enqueue));
      }
    }
  }

  private interface Script {
    void enqueue(FakeAnswer... answers);
  }

  private record Fake(TenantOnboarding service, Script script) {}

  @Test
  void aNewTenantIsRegisteredAndASecondTimeIsAlreadyRegistered() {
    onBothFakes(
        fake -> {
          assertEquals(
              new TenantOnboarding.Outcome(Status.REGISTERED, "tenant-0001", ""),
              fake.service().onboard(EveryModule.tenant()));
          assertEquals(
              Status.ALREADY_REGISTERED, fake.service().onboard(EveryModule.tenant()).status());
        });
  }

  @Test
  void aRefusedSetUpTellsTheOperatorWhatToFix() {
    onBothFakes(
        fake -> {
          fake.script()
              .enqueue(FakeAnswer.userError("JWT is invalid", "headers", "x-gw-signature"));
          TenantOnboarding.Outcome outcome = fake.service().onboard(EveryModule.tenant());
          assertEquals(Status.FIX_SET_UP, outcome.status());
          assertEquals(
              "JWT_INVALID at headers.x-gw-signature: " + UserErrorCode.JWT_INVALID.remediation(),
              outcome.advice());
        });
  }

  @Test
  void aBusyAresIsRetriedByTheSdkAndOnlyThenQueued() {
    onBothFakes(
        fake -> {
          fake.script().enqueue(FakeAnswer.status(503));
          assertEquals(Status.REGISTERED, fake.service().onboard(EveryModule.tenant()).status());
          fake.script()
              .enqueue(FakeAnswer.status(503), FakeAnswer.status(503), FakeAnswer.status(503));
          assertEquals(
              new TenantOnboarding.Outcome(Status.TRY_LATER, "", "ARES answered HTTP 503"),
              fake.service().onboard(EveryModule.tenant()));
        });
  }

  @Test
  void aSilentAresIsQueuedWithoutResending() {
    onBothFakes(
        fake -> {
          fake.script().enqueue(FakeAnswer.delayed(Duration.ofSeconds(30)));
          assertEquals(
              new TenantOnboarding.Outcome(
                  Status.TRY_LATER, "", "ATTEMPT_TIMEOUT, check before resending"),
              fake.service().onboard(EveryModule.tenant()));
        });
  }

  @Test
  void bothFakesKeepTheContract() {
    for (AresFakeContract.Scenario scenario : AresFakeContract.scenarios()) {
      scenario.check(AresFakeContract::inMemory);
      scenario.check(AresFakeContract::overLoopbackHttp);
    }
  }

  @Test
  void theCommerceCredentialsCheckPassesOnTheFakeStore() {
    CommerceCredentialsInput credentials =
        EveryModule.tenant().commerce().orElseThrow().credentials();
    try (FakeCommerceServer store = FakeCommerceServer.builder(credentials).start();
        CommerceCredentialsCheck check =
            CommerceCredentialsCheck.builder()
                .baseUrl(store.baseUrl())
                .credentials(credentials)
                .build()) {
      assertEquals(CredentialsVerdict.OK, check.run().verdict());
    }
  }

  @Test
  void aHostedMatcherAnswersAsItWouldInProcess() {
    Asset asset = Asset.of("urn:aaid:aem:1", Map.of("commerce:skus", List.of("sku-1", "sku-2")));
    MatchBySku rule = MatchBySku.commerceSkus();
    try (LoopbackMatcherServer server = LoopbackMatcherServer.start(rule);
        ExternalMatcher matcher =
            ExternalMatcher.builder().rule(server.externalMatcherInput()).build()) {
      assertEquals(rule.matchAsset(asset), matcher.matchAsset(asset));
      assertTrue(server.ims().tokenRequests() >= 1);
    }
  }
}
