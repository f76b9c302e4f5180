package dev.ares.benchmarks;

import dev.ares.client.AresClient;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import java.io.IOException;
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
 * {@code registerTenant} through the SDK against a raw HttpClient 5 POST of the same bytes with the
 * same headers, both against the same loopback server and the same pool size. Each side first makes
 * {@link WarmupCalls} calls from a few threads of its setup.
 */
@State(Scope.Benchmark)
public class RegisterTenantBenchmark {

  private CannedGraphQlServer server;
  private AresClient sdk;
  private CloseableHttpClient raw;
  private TenantInput tenant;
  private byte[] body;
  private String userAgent;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    server = new CannedGraphQlServer();
    sdk =
        AresClient.builder()
            .endpoint(server.endpoint())
            .apiKey("api-key")
            .environmentId("env")
            .gatewaySignature("jwt")
            .maxConnections(32)
            .build();
    raw =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(32)
                    .setMaxConnPerRoute(32)
                    .build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .build();
    tenant =
        TenantInput.builder()
            .enabled(true)
            .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
            .aem(AemInput.fromAuthorUrl("https://author-p11111-e222222.adobeaemcloud.com/"))
            .commerce(
                CommerceInput.builder()
                    .baseUrl("https://store.example.com")
                    .credentials(
                        CommerceCredentialsInput.builder()
                            .consumerKey("ck")
                            .consumerSecret("cs")
                            .accessToken("at")
                            .accessTokenSecret("ats")
                            .build())
                    .build())
            .rule(MatchBySkuRuleInput.commerceSkus())
            .build();
    // The baseline sends exactly what the SDK sends: one SDK call, its bytes recorded.
    sdk.registerTenant(tenant);
    body = server.lastBody();
    userAgent = server.lastUserAgent();
    WarmupCalls.run(
        params.getBenchmark().endsWith(".sdk") ? this::sdk : this::baselineRawHttpClient);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    sdk.close();
    raw.close(CloseMode.IMMEDIATE);
    server.close();
  }

  /** The SDK call: builds the body, sends with deadlines, parses the GraphQL answer. */
  @Benchmark
  public RegisterTenantResult sdk() {
    return sdk.registerTenant(tenant);
  }

  /** Baseline: the same bytes and headers posted with HttpClient 5, body read as bytes. */
  @Benchmark
  public byte[] baselineRawHttpClient() throws IOException {
    HttpPost post = new HttpPost(server.endpoint());
    post.setHeader("x-api-key", "api-key");
    post.setHeader("magento-environment-id", "env");
    post.setHeader("x-gw-signature", "jwt");
    post.setHeader("User-Agent", userAgent);
    post.setHeader("Accept", "application/json");
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    return raw.execute(post, response -> EntityUtils.toByteArray(response.getEntity()));
  }
}
