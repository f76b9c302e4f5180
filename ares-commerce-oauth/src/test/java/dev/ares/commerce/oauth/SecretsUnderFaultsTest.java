package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.AuthorizationHeader;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With {@code dev.ares} logging at TRACE and every log event captured, failure after failure of the
 * credentials check leaves none of the four credential values, no signature and no {@code
 * Authorization} value in a log line, an exception message or the {@code toString()} of any public
 * type of the module.
 */
class SecretsUnderFaultsTest {

  private static final CommerceCredentialsInput CREDS = TestCredentials.DISTINCT;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger sdk = (Logger) LoggerFactory.getLogger("dev.ares");
  private Level sdkLevel;
  private MockWebServer server;

  @BeforeEach
  void captureEverything() throws Exception {
    sdkLevel = sdk.getLevel();
    sdk.setLevel(Level.TRACE);
    logs.start();
    root.addAppender(logs); // every logger's events, whatever their name
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stopCapture() {
    root.detachAppender(logs);
    sdk.setLevel(sdkLevel);
    server.close();
  }

  @Test
  void noSecretInLogsMessagesOrAnyPublicTypesToString() throws Exception {
    List<String> texts = new ArrayList<>();
    Set<String> secrets =
        new java.util.LinkedHashSet<>(
            List.of(
                CREDS.consumerKey(),
                CREDS.consumerSecret(),
                CREDS.accessToken(),
                CREDS.accessTokenSecret()));

    // Failure after failure, each answer echoing the credentials back where a store could.
    String echo = CREDS.consumerKey() + " " + CREDS.consumerSecret() + " " + CREDS.accessToken();
    server.enqueue(json(401, "{\"message\":\"bad key %1\",\"parameters\":[\"" + echo + "\"]}"));
    server.enqueue(json(403, "{\"message\":\"" + CREDS.accessTokenSecret() + "\"}"));
    server.enqueue(
        json(400, "{\"message\":\"oauth_signature %1\",\"parameters\":[\"" + echo + "\"]}"));
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "https://" + CREDS.consumerKey() + ".example/")
            .build());
    server.enqueue(json(200, "<html>" + echo + "</html>"));
    server.enqueue(json(200, "{\"items\":[\"" + "x".repeat(4096) + echo + "\"]}"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    try (CommerceCredentialsCheck check =
        CommerceCredentialsCheck.builder()
            .baseUrl(server.url("/").toString())
            .credentials(CREDS)
            .attemptTimeout(Duration.ofMillis(300))
            .maxResponseBytes(1024)
            .retryPolicy(
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(1))
                    .build())
            .build()) {
      texts.add(check.toString());
      for (int i = 0; i < 8; i++) {
        CredentialsCheckResult result = check.run();
        texts.add(result.toString());
        texts.add(result.message());
      }
    }
    // The catalog lookup reads the store's answers as the check does.
    server.enqueue(json(401, "{\"message\":\"bad key %1\",\"parameters\":[\"" + echo + "\"]}"));
    server.enqueue(json(200, "<html>" + echo + "</html>"));
    server.enqueue(json(200, "{\"items\":[{\"sku\":\"" + echo + "\"}],\"total_count\":1}"));
    try (CommerceCatalogLookup lookup =
        CommerceCatalogLookup.builder()
            .baseUrl(server.url("/").toString())
            .credentials(CREDS)
            .httpOptions(
                HttpOptions.builder()
                    .from(CommerceCredentialsCheck.defaultHttpOptions())
                    .retryPolicy(RetryPolicy.none())
                    .build())
            .build()) {
      texts.add(lookup.toString());
      texts.add(lookup.catalogSize().toString());
      texts.add(lookup.lookUp(List.of("a")).toString());
      texts.add(lookup.lookUp(List.of("a")).toString());
    }
    for (int i = 0; i < server.getRequestCount(); i++) {
      RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
      String authorization = request.getHeaders().get("Authorization");
      secrets.add(authorization);
      secrets.add(AuthorizationHeader.parse(authorization).orElseThrow().get("oauth_signature"));
    }
    assertTrue(server.getRequestCount() >= 10, "every failure reached the server");

    // Validation failures carrying secret-like values.
    texts.add(
        assertThrows(
                AresValidationException.class,
                () ->
                    CommerceCredentialsCheck.builder()
                        .baseUrl("http://shop.example/?" + CREDS.consumerSecret())
                        .credentials(CREDS.withAccessToken(CREDS.accessToken() + "\n"))
                        .build())
            .getMessage());
    texts.add(
        assertThrows(
                AresValidationException.class,
                () ->
                    CommerceRequest.builder()
                        .method(CREDS.consumerSecret())
                        .uri(URI.create("https://shop.example/?x=%E9" + CREDS.accessToken()))
                        .build())
            .getMessage());

    // toString() of an instance of every public type of the module.
    texts.addAll(everyPublicTypesToString(secrets));

    assertFalse(logs.list.isEmpty(), "expected TRACE/DEBUG lines to scan");
    for (ILoggingEvent event : logs.list) {
      texts.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(t.getMessage());
      }
    }
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      for (String secret : secrets) {
        assertFalse(text.contains(secret), () -> "a secret leaked into: " + text);
      }
      assertFalse(text.contains("SECRETVALUE"), () -> "a secret leaked into: " + text);
    }
  }

  private List<String> everyPublicTypesToString(Set<String> secrets) throws Exception {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(CREDS).build();
    CommerceRequest request =
        CommerceRequest.builder()
            .method("POST")
            .uri(URI.create("https://shop.example/rest/V1/x?token=" + CREDS.accessToken()))
            .putHeaders("Content-Type", "application/x-www-form-urlencoded")
            .body("secret=" + CREDS.consumerSecret())
            .build();
    String authorization = signer.authorizationHeader(request);
    secrets.add(authorization);
    secrets.add(AuthorizationHeader.parse(authorization).orElseThrow().get("oauth_signature"));
    CommerceRequest signed =
        CommerceRequest.builder().from(request).putHeaders("Authorization", authorization).build();
    CommerceSignatureVerifier verifier = CommerceSignatureVerifier.of(CREDS);

    Map<Class<?>, Object> instances = new LinkedHashMap<>();
    instances.put(CommerceRequestSigner.class, signer);
    instances.put(CommerceRequestSigner.Builder.class, CommerceRequestSigner.builder(CREDS));
    instances.put(CommerceRequest.class, signed);
    instances.put(CommerceRequest.Builder.class, CommerceRequest.builder().from(signed));
    instances.put(CommerceSignatureVerifier.class, verifier);
    instances.put(SignatureVerification.class, verifier.verify(signed));
    instances.put(
        SignatureVerification.Builder.class,
        SignatureVerification.builder().from(verifier.verify(signed)));
    instances.put(CommerceSigningInterceptor.class, CommerceSigningInterceptor.of(signer));
    // ScribeJava's API after signing, so its signature service holds the secrets' MAC.
    CommerceApi api = CommerceApi.hmacSha256();
    OAuthRequest scribeRequest = new OAuthRequest(Verb.POST, request.uri().toString());
    scribeRequest.addBodyParameter("secret", CREDS.consumerSecret());
    new ServiceBuilder(CREDS.consumerKey())
        .apiSecret(CREDS.consumerSecret())
        .build(api)
        .signRequest(
            new OAuth1AccessToken(CREDS.accessToken(), CREDS.accessTokenSecret()), scribeRequest);
    instances.put(CommerceApi.class, api);
    instances.put(CommerceApi.Builder.class, CommerceApi.builder());
    instances.put(
        CredentialsCheckResult.class,
        CredentialsCheckResult.builder()
            .verdict(CredentialsVerdict.BAD_CREDENTIALS)
            .message("m")
            .build());
    instances.put(
        CredentialsCheckResult.Builder.class,
        CredentialsCheckResult.builder().verdict(CredentialsVerdict.OK).message("m"));
    instances.put(CredentialsVerdict.class, CredentialsVerdict.BAD_CREDENTIALS);
    instances.put(SignatureMethod.class, SignatureMethod.HMAC_SHA256);
    instances.put(VerificationOutcome.class, VerificationOutcome.VALID);
    CommerceCredentialsCheck.Builder checkBuilder =
        CommerceCredentialsCheck.builder().baseUrl("https://shop.example").credentials(CREDS);
    instances.put(CommerceCredentialsCheck.Builder.class, checkBuilder);
    CommerceCredentialsCheck check = checkBuilder.build();
    instances.put(CommerceCredentialsCheck.class, check);
    instances.put(FakeCommerceServer.Site.class, FakeCommerceServer.Site.STOREFRONT);
    CommerceCatalogLookup.Builder lookupBuilder =
        CommerceCatalogLookup.builder().baseUrl("https://shop.example").credentials(CREDS);
    instances.put(CommerceCatalogLookup.Builder.class, lookupBuilder);
    CommerceCatalogLookup lookup = lookupBuilder.build();
    instances.put(CommerceCatalogLookup.class, lookup);
    CatalogLookupResult lookupResult =
        CatalogLookupResult.builder()
            .requests(1)
            .addFound("a")
            .failure(
                CredentialsCheckResult.builder()
                    .verdict(CredentialsVerdict.OK)
                    .message("m")
                    .build())
            .build();
    instances.put(CatalogLookupResult.class, lookupResult);
    instances.put(
        CatalogLookupResult.Builder.class, CatalogLookupResult.builder().from(lookupResult));
    FakeCommerceServer.Builder fakeBuilder = FakeCommerceServer.builder(CREDS);
    instances.put(FakeCommerceServer.Builder.class, fakeBuilder);
    List<String> texts = new ArrayList<>();
    try (FakeCommerceServer fake = fakeBuilder.start()) {
      instances.put(FakeCommerceServer.class, fake);
      instances.values().forEach(i -> texts.add(i.toString()));
      texts.add(api.getSignatureService().toString());
      texts.add(api.getTimestampService().toString());
    } finally {
      check.close();
      lookup.close();
    }
    assertEquals(
        publicTypes(),
        new TreeSet<>(instances.keySet().stream().map(Class::getName).collect(Collectors.toSet())),
        "every public type of the module has an instance in this scan");
    return texts;
  }

  /** The public types of the module's public packages, read from its compiled classes. */
  private static Set<String> publicTypes() throws Exception {
    Path classes =
        Paths.get(
            CommerceCredentialsCheck.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file :
          files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList())) {
        String name = classes.relativize(file).toString().replace('/', '.').replace(".class", "");
        if (name.contains(".internal.") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type = Class.forName(name, false, SecretsUnderFaultsTest.class.getClassLoader());
        boolean visible =
            Modifier.isPublic(type.getModifiers())
                && (type.getEnclosingClass() == null
                    || Modifier.isPublic(type.getEnclosingClass().getModifiers()));
        if (visible && !type.isAnonymousClass() && !type.isSynthetic()) {
          names.add(type.getName());
        }
      }
    }
    return names;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
