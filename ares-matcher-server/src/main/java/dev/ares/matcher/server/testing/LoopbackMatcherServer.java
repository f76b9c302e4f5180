package dev.ares.matcher.server.testing;

import com.sun.net.httpserver.HttpServer;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matcher.server.InvalidAccessTokenException;
import dev.ares.matcher.server.MatcherServer;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.testing.FakeImsTokenEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Hosts an {@link AssetMatcher} as an external matcher on {@code 127.0.0.1} (a free port, served by
 * a {@link MatcherServer}), with a {@link FakeImsTokenEndpoint} beside it (on a port of its own)
 * whose tokens the matcher paths require (closed by default; {@link #startOpen} serves anyone).
 * {@link #externalMatcherInput()} is the rule that points at both, ready for {@link
 * dev.ares.matching.ExternalMatcher}.
 *
 * <pre>{@code
 * try (LoopbackMatcherServer server = LoopbackMatcherServer.start(MatchBySku.commerceSkus());
 *     ExternalMatcher matcher = ExternalMatcher.builder().rule(server.externalMatcherInput()).build()) {
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

  private final MatcherServer matcherServer;
  private final HttpServer imsServer;
  private final ExecutorService imsExecutor;
  private final FakeImsTokenEndpoint ims;

  private LoopbackMatcherServer(
      MatcherServer matcherServer,
      HttpServer imsServer,
      ExecutorService imsExecutor,
      FakeImsTokenEndpoint ims) {
    this.matcherServer = matcherServer;
    this.imsServer = imsServer;
    this.imsExecutor = imsExecutor;
    this.ims = ims;
  }

  /** Starts serving {@code matcher} as it answers. */
  public static LoopbackMatcherServer start(AssetMatcher matcher) {
    return start(AssetMatcherHttpHandler.builder(matcher).allowAnonymous().build());
  }

  /**
   * Starts serving {@code handler}, for instance one that {@linkplain
   * AssetMatcherHttpHandler.Builder#wrappingReplies() wraps replies}; whatever authentication it
   * was built with is replaced by a check of the fake IMS's tokens.
   */
  public static LoopbackMatcherServer start(AssetMatcherHttpHandler handler) {
    return start(handler, false);
  }

  /**
   * Starts serving {@code matcher} to anyone: no token is checked, as an App Builder web action
   * without {@code require-adobe-auth: true} answers. For tests that plant a public action; the
   * fake IMS still issues tokens, which the matcher paths then ignore.
   */
  public static LoopbackMatcherServer startOpen(AssetMatcher matcher) {
    return start(AssetMatcherHttpHandler.builder(matcher).allowAnonymous().build(), true);
  }

  private static LoopbackMatcherServer start(AssetMatcherHttpHandler handler, boolean open) {
    HttpServer imsServer;
    try {
      imsServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the loopback IMS", e);
    }
    // Many threads, so a held token request does not block the next one.
    ExecutorService imsExecutor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread t = Executors.defaultThreadFactory().newThread(runnable);
              t.setName("ares-loopback-ims");
              t.setDaemon(true);
              return t;
            });
    imsServer.setExecutor(imsExecutor);
    FakeImsTokenEndpoint ims = new FakeImsTokenEndpoint(CLIENT_ID, CLIENT_SECRET);
    imsServer.createContext(TOKEN_PATH, ims);
    imsServer.start();
    try {
      AssetMatcherHttpHandler served =
          open
              ? handler
              : handler.toBuilder()
                  .tokenValidator(
                      token -> {
                        if (!ims.accepts(token)) {
                          throw new InvalidAccessTokenException(
                              InvalidAccessTokenException.Reason.NOT_ACCEPTED,
                              "not a token the fake IMS issued");
                        }
                      })
                  .build();
      MatcherServer matcherServer =
          MatcherServer.builder(served).workerThreads(8).queueCapacity(1024).start();
      return new LoopbackMatcherServer(matcherServer, imsServer, imsExecutor, ims);
    } catch (RuntimeException e) {
      imsServer.stop(0);
      imsExecutor.shutdownNow();
      throw e;
    }
  }

  /** The fake IMS beside the matcher. */
  public FakeImsTokenEndpoint ims() {
    return ims;
  }

  /** {@code http://127.0.0.1:port} of the matcher. */
  public String baseUrl() {
    return matcherServer.baseUrl();
  }

  /** The server hosting the matcher. */
  public MatcherServer matcherServer() {
    return matcherServer;
  }

  /** The URL of the fake IMS's token endpoint. */
  public String tokenUrl() {
    InetSocketAddress address = imsServer.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + TOKEN_PATH;
  }

  /** The external matcher rule pointing at this server and its fake IMS. */
  public ExternalMatcherInput externalMatcherInput() {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(matcherServer.assetToProductUrl())
        .productToAssetUrl(matcherServer.productToAssetUrl())
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(tokenUrl())
                .clientId(CLIENT_ID)
                .clientSecret(CLIENT_SECRET)
                .imsOrgId(IMS_ORG_ID)
                .build())
        .build();
  }

  /** Stops both servers at once, and waits (briefly) for their threads to end. */
  @Override
  public void close() {
    matcherServer.close();
    imsServer.stop(0);
    imsExecutor.shutdownNow();
    try {
      imsExecutor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
