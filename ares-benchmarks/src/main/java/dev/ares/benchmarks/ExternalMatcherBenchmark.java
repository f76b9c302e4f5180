package dev.ares.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matcher.server.MatcherServer;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ExternalMatcher;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductToAssetResult;
import dev.ares.matching.testing.FakeImsTokenEndpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@link ExternalMatcher#matchAsset} against a loopback matcher (MatchBySku served by {@link
 * AssetMatcherHttpHandler} on a {@link MatcherServer}, requiring the tokens of a {@link
 * FakeImsTokenEndpoint}: a {@link LoopbackMatcherServer}), against raw HttpClient 5 POSTs of the
 * same bytes with the same headers and a token fetched once in setup.
 *
 * <p>Each side first makes {@link WarmupCalls} calls from a few threads of its setup. The server
 * counts, for the whole fork (those calls included): IMS token requests, connections the matcher
 * server accepted and asset calls served; {@link BenchMetrics} reports them.
 */
@State(Scope.Benchmark)
public class ExternalMatcherBenchmark {

  private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

  static final String TOKEN_REQUESTS = "ims.tokenRequests";
  static final String CONNECTIONS = "server.connectionsOpened";
  static final String CALLS = "server.assetCalls";

  private LoopbackMatcherServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private ExternalMatcher sdk;
  private CloseableHttpClient raw;
  private URI assetToProduct;
  private Asset asset;
  private byte[] body;
  private String token;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    AssetMatcher sku = MatchBySku.commerceSkus();
    server =
        LoopbackMatcherServer.start(
            new AssetMatcher() {
              @Override
              public AssetToProductResult matchAsset(Asset a) {
                calls.incrementAndGet();
                return sku.matchAsset(a);
              }

              @Override
              public ProductToAssetResult matchProduct(String productSku) {
                return sku.matchProduct(productSku);
              }
            });
    dev.ares.client.model.ExternalMatcherInput rule = server.externalMatcherInput();
    assetToProduct = URI.create(rule.assetToProductUrl());
    asset = MatchingData.assets(1, 1_000_000, 0.0, 0.0, 5L)[0];
    // The baseline's own body: the wire form written with plain Jackson (WireJsonRequestTest
    // pins that the SDK writes the same bytes).
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("assetId", asset.assetId());
    request.put("eventData", Map.of("assetMetadata", asset.metadata()));
    body = PLAIN_JSON.writeValueAsBytes(request);
    if (params.getBenchmark().endsWith(".baselineRawHttpClient")) {
      // Only the side being measured touches the server: the counts are its own.
      raw =
          HttpClients.custom()
              .setConnectionManager(
                  PoolingHttpClientConnectionManagerBuilder.create()
                      .setMaxConnTotal(64)
                      .setMaxConnPerRoute(32)
                      .build())
              .disableAutomaticRetries()
              .disableRedirectHandling()
              .disableCookieManagement()
              .setUserAgent("ares-java-sdk")
              .build();
      HttpPost post = new HttpPost(server.tokenUrl());
      post.setHeader("Accept", "application/json");
      post.setEntity(
          new ByteArrayEntity(
              ("grant_type=client_credentials&client_id="
                      + LoopbackMatcherServer.CLIENT_ID
                      + "&client_secret="
                      + LoopbackMatcherServer.CLIENT_SECRET
                      + "&scope=AdobeID%2Copenid%2Cread_organizations")
                  .getBytes(StandardCharsets.US_ASCII),
              ContentType.APPLICATION_FORM_URLENCODED));
      String answer = raw.execute(post, response -> EntityUtils.toString(response.getEntity()));
      token = PLAIN_JSON.readTree(answer).get("access_token").textValue();
    } else {
      sdk = ExternalMatcher.builder().rule(rule).build();
    }
    WarmupCalls.run(raw != null ? this::baselineRawHttpClient : this::sdk);
    BenchMetrics.gauge(TOKEN_REQUESTS, server.ims()::tokenRequests);
    BenchMetrics.gauge(CONNECTIONS, server.matcherServer()::connectionsAccepted);
    BenchMetrics.gauge(CALLS, calls::get);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (sdk != null) {
      sdk.close();
    }
    if (raw != null) {
      raw.close(CloseMode.IMMEDIATE);
    }
    server.close();
  }

  /** The SDK call: request built from the asset, token from the cache, answer parsed. */
  @Benchmark
  public AssetToProductResult sdk() {
    return sdk.matchAsset(asset);
  }

  /** Baseline: the same bytes and headers posted with HttpClient 5, body read as bytes. */
  @Benchmark
  public byte[] baselineRawHttpClient() throws IOException {
    HttpPost post = new HttpPost(assetToProduct);
    post.setHeader("Authorization", "Bearer " + token);
    post.setHeader("x-gw-ims-org-id", LoopbackMatcherServer.IMS_ORG_ID);
    post.setHeader("Accept", "application/json");
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    return raw.execute(post, response -> EntityUtils.toByteArray(response.getEntity()));
  }
}
