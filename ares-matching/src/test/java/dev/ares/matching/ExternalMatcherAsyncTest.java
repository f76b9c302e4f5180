package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.A2P;
import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresTransportException;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.SdkThreads;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only a non-blocking {@link ExternalMatcher#matchAssetAsync(Asset)} can do: more calls in
 * flight than the SDK has threads, one IMS token for many concurrent calls, a cancelled future that
 * aborts its exchange (the server sees the connection closed) and frees the connection, and no
 * connection or thread left after failed and cancelled calls and {@link ExternalMatcher#close()}.
 */
class ExternalMatcherAsyncTest {

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  private String base() {
    return server.url("").toString().replaceAll("/$", "");
  }

  private static ExternalMatcherInput rule(String actionBase, String imsBase) {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(actionBase + "/a2p")
        .productToAssetUrl(actionBase + "/p2a")
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(imsBase + "/ims/token/v3")
                .clientId("client-1")
                .clientSecret(ExternalMatcherFailuresTest.SECRET)
                .imsOrgId("ORG1@AdobeOrg")
                .build())
        .build();
  }

  @Test
  void moreCallsInFlightThanTheSdkHasThreadsThenCloseFailsThemAll() throws Exception {
    int calls = 32; // twice the SDK's blocking pool; the pool allows 32 connections to one host
    server.enqueue(token());
    for (int i = 0; i < calls; i++) {
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    }
    ExternalMatcher m =
        ExternalMatcher.builder()
            .rule(rule(base(), base()))
            .maxConnections(64)
            .callTimeout(Duration.ofSeconds(60))
            .attemptTimeout(Duration.ofSeconds(60))
            .build();
    List<CompletableFuture<AssetToProductResult>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      futures.add(m.matchAssetAsync(ASSET));
    }
    for (int i = 0; i <= calls; i++) {
      assertNotNull(server.takeRequest(10, TimeUnit.SECONDS), "request " + i + " arrived");
    }
    long sdkThreads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("ares-"))
            .count();
    // deadline 1, I/O reactor 3 (HttpClient's two workers and its dispatcher), callbacks at most 4
    assertTrue(sdkThreads <= 8, sdkThreads + " SDK threads for " + calls + " calls");
    assertEquals(calls, m.poolStats().getLeased());
    m.close();
    for (CompletableFuture<AssetToProductResult> f : futures) {
      Throwable e = f.handle((r, x) -> x).get(10, TimeUnit.SECONDS);
      assertTrue(e instanceof AresTransportException, String.valueOf(e));
      assertEquals(TransportFailure.CLOSED, ((AresTransportException) e).failure());
    }
  }

  @Test
  void manyConcurrentCallsShareOneTokenRequest() throws Exception {
    int calls = 20;
    server.enqueue(token());
    for (int i = 0; i < calls; i++) {
      server.enqueue(json(200, A2P));
    }
    try (ExternalMatcher m = ExternalMatcher.builder().rule(rule(base(), base())).build()) {
      List<CompletableFuture<AssetToProductResult>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(m.matchAssetAsync(ASSET));
      }
      for (CompletableFuture<AssetToProductResult> f : futures) {
        assertEquals(1, f.get(10, TimeUnit.SECONDS).productMatches().size());
      }
      int tokenRequests = 0;
      for (int i = 0; i < calls + 1; i++) {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        if (r.getUrl().encodedPath().equals("/ims/token/v3")) {
          tokenRequests++;
        }
      }
      assertEquals(1, tokenRequests);
      assertEquals(0, FaultMatrixTest.leasedAfterCallsEnd(m));
    }
  }

  @Test
  void cancellingAbortsTheExchangeAndFreesTheConnection() throws Exception {
    server.enqueue(token());
    try (ServerSocket action = new ServerSocket(0);
        ExternalMatcher m =
            ExternalMatcher.builder()
                .rule(rule("http://127.0.0.1:" + action.getLocalPort(), base()))
                .build()) {
      CompletableFuture<AssetToProductResult> future = m.matchAssetAsync(ASSET);
      try (Socket accepted = action.accept()) {
        accepted.setSoTimeout(10_000);
        InputStream in = accepted.getInputStream();
        assertTrue(in.read() >= 0, "the action call arrived");
        assertTrue(future.cancel(true));
        assertTrue(connectionEnds(in), "the client closed the connection");
      }
      assertEquals(0, FaultMatrixTest.leasedAfterCallsEnd(m));
    }
  }

  @Test
  void failedAndCancelledCallsLeaveNoConnectionLeased() throws Exception {
    server.enqueue(token());
    for (int i = 0; i < 30; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .onResponseStart(
                  i % 3 == 0
                      ? SocketEffect.Stall.INSTANCE
                      : SocketEffect.ShutdownConnection.INSTANCE)
              .build());
    }
    try (ExternalMatcher m =
        ExternalMatcher.builder()
            .rule(rule(base(), base()))
            .retryPolicy(TestPolicies.backoff(Duration.ofMillis(5)))
            .build()) {
      List<CompletableFuture<AssetToProductResult>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(m.matchAssetAsync(ASSET));
      }
      assertNotNull(server.takeRequest(5, TimeUnit.SECONDS));
      for (int i = 0; i < 10; i++) {
        futures.get(i).cancel(true);
      }
      assertEquals(0, FaultMatrixTest.leasedAfterCallsEnd(m));
    }
  }

  @Test
  void withTheCallersBlockingClientTheCallRunsOnTheExecutor() throws Exception {
    server.enqueue(token());
    server.enqueue(json(200, A2P));
    try (var client = HttpClients.createDefault();
        ExternalMatcher m =
            ExternalMatcher.builder().rule(rule(base(), base())).httpClient(client).build()) {
      List<String> ranOn = new ArrayList<>();
      AssetToProductResult result =
          m.matchAssetAsync(
                  ASSET,
                  task -> {
                    ranOn.add("caller's executor");
                    task.run();
                  })
              .get(10, TimeUnit.SECONDS);
      assertEquals(1, result.productMatches().size());
      assertEquals(List.of("caller's executor"), ranOn);
    }
  }

  @Test
  void withTheCallersBlockingClientCallbacksSeeTheMatchersOwnException() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).body("{}").build());
    try (var client = HttpClients.createDefault();
        ExternalMatcher m =
            ExternalMatcher.builder().rule(rule(base(), base())).httpClient(client).build()) {
      Throwable failure =
          m.matchAssetAsync(ASSET, Runnable::run)
              .handle((result, e) -> e)
              .get(10, TimeUnit.SECONDS);
      ExternalMatcherException refused = assertInstanceOf(ExternalMatcherException.class, failure);
      assertEquals(ExternalMatcherException.Reason.TOKEN_REFUSED, refused.reason());
    }
  }

  /** Reads the rest of the request until the client closes (an end, or a reset). */
  private static boolean connectionEnds(InputStream in) throws IOException {
    byte[] rest = new byte[8192];
    try {
      while (in.read(rest) >= 0) {
        // the rest of the request
      }
      return true;
    } catch (SocketException reset) {
      return true;
    }
  }
}
