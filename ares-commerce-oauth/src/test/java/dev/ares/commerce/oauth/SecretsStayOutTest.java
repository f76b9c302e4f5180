package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.AuthorizationHeader;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.AresValidationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No credential, signature or Authorization value in any SDK log line (all levels), any {@code
 * toString()} or any exception message.
 */
class SecretsStayOutTest {

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger sdkLogger = (Logger) LoggerFactory.getLogger("dev.ares");
  private Level sdkLevel;

  @BeforeEach
  void captureLogs() {
    sdkLevel = sdkLogger.getLevel();
    sdkLogger.setLevel(Level.TRACE);
    logs.start();
    sdkLogger.addAppender(logs);
  }

  @AfterEach
  void stopCapture() {
    sdkLogger.detachAppender(logs);
    sdkLogger.setLevel(sdkLevel);
  }

  @Test
  void secretsAppearNowhere() throws Exception {
    CommerceCredentialsInput creds = TestCredentials.DISTINCT;
    List<String> texts = new ArrayList<>();
    List<String> secrets =
        new ArrayList<>(
            List.of(
                creds.consumerKey(),
                creds.consumerSecret(),
                creds.accessToken(),
                creds.accessTokenSecret()));

    CommerceRequestSigner signer = CommerceRequestSigner.builder(creds).build();
    CommerceRequest request =
        CommerceRequest.builder()
            .method("POST")
            .uri(URI.create("https://shop.example/rest/V1/x"))
            .putHeaders("Content-Type", "application/x-www-form-urlencoded")
            .body("password=" + creds.consumerSecret())
            .build();
    String authorization = signer.authorizationHeader(request);
    secrets.add(authorization);
    secrets.add(AuthorizationHeader.parse(authorization).orElseThrow().get("oauth_signature"));
    CommerceRequest signed =
        CommerceRequest.builder().from(request).putHeaders("Authorization", authorization).build();
    CommerceSignatureVerifier verifier = CommerceSignatureVerifier.of(creds);
    texts.add(creds.toString());
    texts.add(signer.toString());
    texts.add(signed.toString());
    texts.add(verifier.toString());
    texts.add(verifier.verify(signed).toString());
    texts.add(CommerceSigningInterceptor.of(signer).toString());

    try (FakeCommerceServer store = FakeCommerceServer.builder(creds).start();
        FakeCommerceServer denied =
            FakeCommerceServer.builder(creds).catalogPermission(false).start();
        FakeCommerceServer down = FakeCommerceServer.builder(creds).maintenance(true).start()) {
      texts.add(store.toString());
      for (String baseUrl : List.of(store.baseUrl(), denied.baseUrl(), down.baseUrl())) {
        for (CommerceCredentialsInput c :
            List.of(creds, creds.withConsumerSecret("wrong"), creds.withConsumerKey("wrong"))) {
          try (CommerceCredentialsCheck check =
              CommerceCredentialsCheck.builder().baseUrl(baseUrl).credentials(c).build()) {
            texts.add(check.toString());
            texts.add(check.run().toString());
          }
        }
      }
    }
    try (CommerceCredentialsCheck unreachable =
        CommerceCredentialsCheck.builder()
            .baseUrl("http://127.0.0.1:9")
            .credentials(creds)
            .build()) {
      texts.add(unreachable.run().toString());
    }

    texts.add(
        assertThrows(
                AresValidationException.class,
                () ->
                    CommerceRequestSigner.builder(
                            CommerceCredentialsInput.builder()
                                .consumerKey(creds.consumerKey())
                                .consumerSecret(creds.consumerSecret() + "\u0001")
                                .accessToken(creds.accessToken())
                                .build())
                        .build())
            .getMessage());
    texts.add(
        assertThrows(
                AresValidationException.class,
                () ->
                    CommerceCredentialsCheck.builder()
                        .baseUrl("http://shop.example/?key=" + "x")
                        .credentials(creds.withAccessTokenSecret(" "))
                        .build())
            .getMessage());

    assertFalse(logs.list.isEmpty(), "the SDK logs at debug level");
    for (ILoggingEvent event : logs.list) {
      texts.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        texts.add(event.getThrowableProxy().getMessage());
      }
    }
    for (String text : texts) {
      for (String secret : secrets) {
        assertFalse(text.contains(secret), () -> "a secret leaked into: " + text);
      }
      assertFalse(text.contains("SECRETVALUE"), () -> "a secret leaked into: " + text);
    }
    assertTrue(texts.stream().anyMatch(t -> t.contains("****")));
  }
}
