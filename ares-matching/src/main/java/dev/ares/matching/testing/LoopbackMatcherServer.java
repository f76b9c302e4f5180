package dev.ares.matching.testing;

import com.sun.net.httpserver.HttpServer;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.server.AssetMatcherHttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Hosts an {@link AssetMatcher} as an external matcher on {@code 127.0.0.1} (a free port), with a
 * {@link FakeImsTokenEndpoint} beside it whose tokens the matcher paths require. {@link
 * #externalMatcherInput()} is the rule that points at both, ready for {@link
 * dev.ares.matching.ExternalMatcher}.
 *
 * <pre>{@code
 * try (LoopbackMatcherServer server = LoopbackMatcherServer.start(MatchBySku.commerceSkus());
 *     ExternalMatcher matcher = ExternalMatcher.builder(server.externalMatcherInput()).build()) {
 *   matcher.matchAsset(asset);
 * }
 * }</pre>
 */
public final class LoopbackMatcherServer implements AutoCloseable {

  /** The client id of the fake IMS. */
  public static final String CLIENT_ID = "loopback-client";
  /** The client secret of the fake IMS; not a real secret. */
  public static final String CLIENT_SECRET = "loopback-secret";
  /** The IMS organization id the rule carries. */
  public static final String IMS_ORG_ID = "LOOPBACK0000000@AdobeOrg";
  /** The path of the fake token endpoint. */
  public static final String TOKEN_PATH = "/ims/token/v3";

  private final HttpServer server;
  private final ExecutorService executor;
  private final FakeImsTokenEndpoint ims;

  private LoopbackMatcherServer(HttpServer server, ExecutorService executor, FakeImsTokenEndpoint ims) {
    this.server = server;
    this.executor = executor;
    this.ims = ims;
  }

  /** Starts serving {@code matcher} as it answers. */
  public static LoopbackMatcherServer start(AssetMatcher matcher) {
    return start(AssetMatcherHttpHandler.forMatcher(matcher));
  }

  /**
   * Starts serving {@code handler} (made to require the fake IMS's tokens), for instance one that
   * {@linkplain AssetMatcherHttpHandler#wrappingReplies() wraps replies}.
   */
  public static LoopbackMatcherServer start(AssetMatcherHttpHandler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      // Many threads, so a held token request does not block the matcher paths.
      ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread t = Executors.defaultThreadFactory().newThread(runnable);
        t.setName("ares-loopback-matcher");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      FakeImsTokenEndpoint ims = new FakeImsTokenEndpoint(CLIENT_ID, CLIENT_SECRET);
      server.createContext(TOKEN_PATH, ims);
      handler.requiringBearer(ims::accepts).mount(server, "");
      server.start();
      return new LoopbackMatcherServer(server, executor, ims);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the loopback matcher server", e);
    }
  }

  /** The fake IMS beside the matcher. */
  public FakeImsTokenEndpoint ims() {
    return ims;
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** The external matcher rule pointing at this server and its fake IMS. */
  public ExternalMatcherInput externalMatcherInput() {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(baseUrl() + AssetMatcherHttpHandler.ASSET_TO_PRODUCT_PATH)
        .productToAssetUrl(baseUrl() + AssetMatcherHttpHandler.PRODUCT_TO_ASSET_PATH)
        .credentials(ExternalMatcherCredentialsInput.builder()
            .oauthServerUrl(baseUrl() + TOKEN_PATH)
            .clientId(CLIENT_ID)
            .clientSecret(CLIENT_SECRET)
            .imsOrgId(IMS_ORG_ID)
            .build())
        .build();
  }

  /** Stops the server at once, and waits (briefly) for its threads to end. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
