package dev.ares.matching;

import static dev.ares.matching.MatchBySkuTest.asset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresHttpException;
import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ExternalMatcher and the AssetMatcherHttpHandler against each other, with the fake IMS. */
class ExternalMatcherLoopbackTest {

  private MatchBySku local;
  private LoopbackMatcherServer server;
  private ExternalMatcher remote;

  @BeforeEach
  void start() {
    local = MatchBySku.commerceSkus();
    local
        .index()
        .put(
            asset(
                "a1",
                Map.of(
                    "commerce:skus",
                    List.of("p1", "p2"),
                    "commerce:roles",
                    List.of("thumbnail;image", "image"),
                    "commerce:positions",
                    List.of(1, 2))));
    local
        .index()
        .put(
            asset(
                "a2",
                Map.of("commerce:skus", "p1", "dc:format", "video/mp4", "commerce:positions", 0)));
    server = LoopbackMatcherServer.start(local);
    remote = ExternalMatcher.builder().rule(server.externalMatcherInput()).build();
  }

  @AfterEach
  void stop() {
    remote.close();
    server.close();
  }

  @Test
  void bothDirectionsAnswerAsTheLocalMatcher() {
    Asset asset =
        asset(
            "a9",
            Map.of("commerce:skus", List.of(" p1", "", "p1"), "commerce:roles", List.of("image")));
    assertEquals(local.matchAsset(asset), remote.matchAsset(asset));
    assertEquals(local.matchProduct("p1"), remote.matchProduct("p1"));
    assertEquals(
        List.of("a2", "a1"),
        remote.matchProduct("p1").assetMatches().stream().map(AssetMatch::assetId).toList());
    assertEquals(AssetFormat.VIDEO, remote.matchProduct("p1").assetMatches().get(0).assetFormat());
    assertTrue(remote.matchAsset(Asset.of("x", Map.of())).skip());
    assertEquals(1, server.ims().tokenRequests());
    assertEquals("AdobeID,openid,read_organizations", server.ims().lastScope());
  }

  @Test
  void wrappedRepliesAreUnwrapped() {
    try (LoopbackMatcherServer wrapped =
            LoopbackMatcherServer.start(
                AssetMatcherHttpHandler.builder(local).allowAnonymous().wrappingReplies().build());
        ExternalMatcher m =
            ExternalMatcher.builder()
                .rule(wrapped.externalMatcherInput())
                .scopes(List.of("openid"))
                .build()) {
      assertEquals(local.matchProduct("p2"), m.matchProduct("p2"));
      assertEquals("openid", wrapped.ims().lastScope());
    }
  }

  @Test
  void manyConcurrentCallersShareOneTokenRequest() throws Exception {
    int callers = 16;
    server.ims().hold();
    CyclicBarrier allStarted = new CyclicBarrier(callers + 1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<ProductToAssetResult>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  allStarted.await(10, TimeUnit.SECONDS);
                  return remote.matchProduct("p1");
                }));
      }
      allStarted.await(10, TimeUnit.SECONDS);
      server.ims().release();
      for (Future<ProductToAssetResult> r : results) {
        assertEquals(2, r.get(10, TimeUnit.SECONDS).assetMatches().size());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, server.ims().tokenRequests());
  }

  @Test
  void aRevokedTokenIsRefreshedOnceForManyCallers() throws Exception {
    remote.matchProduct("p1");
    server.ims().revokeAll();
    int callers = 8;
    CyclicBarrier allStarted = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<ProductToAssetResult>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  allStarted.await(10, TimeUnit.SECONDS);
                  return remote.matchProduct("p2");
                }));
      }
      for (Future<ProductToAssetResult> r : results) {
        assertEquals(1, r.get(10, TimeUnit.SECONDS).assetMatches().size());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, server.ims().tokenRequests());
  }

  @Test
  void aCallersHttpClientIsUsedAndLeftOpen() throws Exception {
    try (org.apache.hc.client5.http.impl.classic.CloseableHttpClient own =
        org.apache.hc.client5.http.impl.classic.HttpClients.custom()
            .disableAutomaticRetries()
            .build()) {
      ExternalMatcher m =
          ExternalMatcher.builder().rule(server.externalMatcherInput()).httpClient(own).build();
      assertEquals(2, m.matchProduct("p1").assetMatches().size());
      m.close();
      try (ExternalMatcher again =
          ExternalMatcher.builder().rule(server.externalMatcherInput()).httpClient(own).build()) {
        assertEquals(2, again.matchProduct("p1").assetMatches().size());
      }
    }
  }

  @Test
  void expiredTokensAreFetchedAgain() {
    server.ims().expiresInSeconds(0);
    try (ExternalMatcher m =
        ExternalMatcher.builder().rule(server.externalMatcherInput()).build()) {
      m.matchProduct("p1");
      m.matchProduct("p1");
    }
    assertEquals(2, server.ims().tokenRequests());
  }

  @Test
  void theHandlerRefusesBadRequestsWithClearStatuses() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String token = "fake-ims-token-1";
    remote.matchProduct("p1");
    String base = server.baseUrl();
    assertEquals(
        401, post(http, base + "/product-to-asset", null, "{\"productSku\":\"p1\"}").statusCode());
    assertEquals(
        401,
        post(http, base + "/product-to-asset", "nope", "{\"productSku\":\"p1\"}").statusCode());
    HttpResponse<String> bad = post(http, base + "/asset-to-product", token, "{\"eventData\":{}}");
    assertEquals(400, bad.statusCode());
    assertEquals("{\"error\":\"request.assetId must be a non-blank string\"}", bad.body());
    assertEquals(400, post(http, base + "/asset-to-product", token, "{").statusCode());
    assertEquals(
        400,
        post(
                http,
                base + "/asset-to-product",
                token,
                "{\"assetId\":\"a\",\"eventData\":{\"assetMetadata\":[1]}}")
            .statusCode());
    assertEquals(
        413,
        post(http, base + "/asset-to-product", token, "x".repeat((1 << 20) + 10)).statusCode());
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/asset-to-product"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, get.statusCode()); // the GET form of earlier pages, without its assetId
    assertEquals("{\"error\":\"request.assetId must be a non-blank string\"}", get.body());
    HttpResponse<String> ok =
        post(
            http,
            base + "/asset-to-product",
            token,
            "{\"assetId\":\"a\",\"eventData\":{\"assetMetadata\":{\"commerce:isCommerce\":\"yes\",\"dam:status\":\"approved\","
                + "\"commerce:skus\":\"p7\"}}}");
    assertEquals(200, ok.statusCode());
    assertEquals(
        "{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"p7\",\"asset_roles\":[]}],\"skip\":false}",
        ok.body());
  }

  @Test
  void aFailingMatcherAnswers500() throws Exception {
    AssetMatcher broken =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            throw new IllegalStateException("boom");
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            throw new IllegalStateException("boom");
          }
        };
    try (LoopbackMatcherServer s = LoopbackMatcherServer.start(broken);
        ExternalMatcher m = ExternalMatcher.builder().rule(s.externalMatcherInput()).build()) {
      AresHttpException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              AresHttpException.class, () -> m.matchProduct("p"));
      assertEquals(500, e.statusCode());
    }
  }

  private static HttpResponse<String> post(HttpClient http, String url, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
