package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command at TRACE against servers that echo what they were sent (headers and body) into
 * every string they answer with, laced with terminal control characters: nothing printed may hold a
 * secret, an escape or a bell. Runs in a child JVM so that the logging set-up is the jar's own.
 */
class EchoingServersTest {

  private static final String API_KEY = "apikey-ECHOED-4f1c";
  private static final String JWT = "jwt-ECHOED-9a2e";
  private static final String CONSUMER_KEY = "ck-ECHOED-11aa";
  private static final String CONSUMER_SECRET = "cs-ECHOED-22bb";
  private static final String ACCESS_TOKEN = "at-ECHOED-33cc";
  private static final String ACCESS_TOKEN_SECRET = "ats-ECHOED-44dd";
  private static final String CLIENT_SECRET = "client-secret-ECHOED-55ee";
  private static final String TRACE = "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace";
  // Clears the screen and turns the text red on a terminal that interprets it.
  private static final String HOSTILE = "\u001b[2J\u001b[31mFAKE\u0007";

  @TempDir Path dir;

  @Test
  void registerAgainstAnAresThatEchoesIntoGraphQlErrorsPrintsNoSecret() throws Exception {
    try (EchoServer ares =
        EchoServer.start(
            echo ->
                new Answer(
                    200,
                    "{\"data\":{\"registerTenant\":"
                        + "{\"tenantId\":\""
                        + echo
                        + "\",\"userErrors\":[]}},\"errors\":[{\"message\":\""
                        + echo
                        + "\",\"path\":[\"registerTenant\",\""
                        + echo
                        + "\"],\"extensions\":{\"classification\":\""
                        + echo
                        + "\",\"echo\":\""
                        + echo
                        + "\"}}]}"))) {
      ChildJvm.Result result =
          ChildJvm.run(registerEnv(ares), List.of(TRACE), null, "register", tenantFile());
      assertEquals(Command.BAD_INPUT, result.status(), result.all());
      assertPrintsNoSecret(result.all());
      assertTrue(ares.requests() >= 1, "the server was called");
    }
  }

  @Test
  void registerAgainstAnAresThatEchoesIntoUserErrorsPrintsNoSecret() throws Exception {
    try (EchoServer ares =
        EchoServer.start(
            echo ->
                new Answer(
                    200,
                    "{\"data\":{\"registerTenant\":"
                        + "{\"tenantId\":null,\"userErrors\":[{\"message\":\""
                        + echo
                        + "\",\"path\":[\"tenantInput\",\""
                        + echo
                        + "\"]}]}}}"))) {
      ChildJvm.Result result =
          ChildJvm.run(registerEnv(ares), List.of(TRACE), null, "register", tenantFile());
      assertEquals(Command.REFUSED, result.status(), result.all());
      assertTrue(result.stderr().contains("user error"), result.all());
      assertPrintsNoSecret(result.all());
    }
  }

  @Test
  void registerAgainstAnAresThatEchoesIntoTheRequestIdPrintsNoSecret() throws Exception {
    try (EchoServer ares =
        EchoServer.start(echo -> new Answer(401, "{\"message\":\"" + echo + "\"}"))) {
      ChildJvm.Result result =
          ChildJvm.run(registerEnv(ares), List.of(TRACE), null, "register", tenantFile());
      assertEquals(Command.BAD_INPUT, result.status(), result.all());
      assertTrue(result.all().contains("401"), result.all());
      assertPrintsNoSecret(result.all());
    }
  }

  @Test
  void checkCommerceAgainstAStoreThatEchoesAfterPaddingPrintsNoCredential() throws Exception {
    // Commerce fills %1 from "parameters"; the padding pushes the echo past any early cut.
    try (EchoServer store =
        EchoServer.start(
            echo ->
                new Answer(
                    401,
                    "{\"message\":\""
                        + "x".repeat(340)
                        + " %1\",\"parameters\":[\""
                        + echo
                        + "\"]}"))) {
      ChildJvm.Result result =
          ChildJvm.run(Map.of(), List.of(TRACE), null, "check-commerce", tenantFile(store.url("")));
      assertEquals(1, result.status(), result.all());
      assertTrue(result.all().contains("verdict: "), result.all());
      assertPrintsNoSecret(result.all());
    }
  }

  @Test
  void matchAgainstAnImsThatEchoesTheFormPrintsNoSecret() throws Exception {
    try (EchoServer ims =
        EchoServer.start(
            echo ->
                new Answer(
                    400,
                    "{\"error\":\"invalid_client\",\"error_description\":\"" + echo + "\"}"))) {
      ChildJvm.Result result =
          ChildJvm.run(
              Map.of(),
              List.of(TRACE),
              null,
              "match",
              externalMatcherTenant(ims.url("/action"), ims.url("/ims/token/v3")),
              assetsFile());
      assertTrue(result.status() != Command.OK, result.all());
      assertPrintsNoSecret(result.all());
    }
  }

  @Test
  void matchAgainstAnActionThatEchoesTheBearerPrintsNoSecret() throws Exception {
    try (EchoServer server =
        EchoServer.start(
            echo ->
                echo.contains("client_secret")
                    ? new Answer(
                        200,
                        "{\"access_token\":\"token-ECHOED-66ff\",\"token_type\":\"bearer\","
                            + "\"expires_in\":86399}")
                    : new Answer(
                        200, "{\"statusCode\":500,\"body\":{\"error\":\"" + echo + "\"}}"))) {
      ChildJvm.Result result =
          ChildJvm.run(
              Map.of(),
              List.of(TRACE),
              null,
              "match",
              externalMatcherTenant(server.url("/action"), server.url("/ims/token/v3")),
              assetsFile());
      assertTrue(result.status() != Command.OK, result.all());
      assertTrue(server.requests() >= 2, "the token and the action were asked: " + result.all());
      assertPrintsNoSecret(result.all(), "token-ECHOED-66ff");
    }
  }

  @Test
  void coverageAgainstAnActionThatEchoesEverythingPrintsNoSecret() throws Exception {
    try (EchoServer server =
        EchoServer.start(
            echo ->
                echo.contains("client_secret")
                    ? new Answer(
                        200,
                        "{\"access_token\":\"token-ECHOED-77aa\",\"token_type\":\"bearer\","
                            + "\"expires_in\":86399}")
                    : new Answer(503, "{\"error\":\"" + echo + "\"}"))) {
      Path catalog = dir.resolve("catalog-skus.txt");
      Files.writeString(catalog, "sku-1\n");
      ChildJvm.Result result =
          ChildJvm.run(
              Map.of(),
              List.of(TRACE),
              null,
              "coverage",
              externalMatcherTenant(server.url("/action"), server.url("/ims/token/v3")),
              assetsFile(),
              catalog.toString());
      assertTrue(result.status() != Command.OK, result.all());
      assertTrue(server.requests() >= 2, "the token and the action were asked: " + result.all());
      assertPrintsNoSecret(result.all(), "token-ECHOED-77aa");
    }
  }

  private static void assertPrintsNoSecret(String printed, String... more) {
    List<String> secrets =
        new java.util.ArrayList<>(
            List.of(
                API_KEY,
                JWT,
                CONSUMER_KEY,
                CONSUMER_SECRET,
                ACCESS_TOKEN,
                ACCESS_TOKEN_SECRET,
                CLIENT_SECRET));
    secrets.addAll(List.of(more));
    for (String secret : secrets) {
      assertFalse(printed.contains(secret), () -> "printed " + secret + ":\n" + printed);
    }
    for (char control : new char[] {'\u001b', '\u0007', '\r'}) {
      assertFalse(
          printed.indexOf(control) >= 0,
          () -> "printed control character " + (int) control + ":\n" + printed);
    }
  }

  private Map<String, String> registerEnv(EchoServer ares) {
    return Map.of(
        "ARES_ENDPOINT",
        ares.url("/graphql"),
        "ARES_API_KEY",
        API_KEY,
        "ARES_ENVIRONMENT_ID",
        "env-1",
        "ARES_GW_SIGNATURE",
        JWT);
  }

  private String tenantFile() throws IOException {
    return tenantFile("https://store.example.com");
  }

  private String tenantFile(String storeUrl) throws IOException {
    Path tenant = dir.resolve("tenant-" + Math.abs(storeUrl.hashCode()) + ".json");
    Files.writeString(
        tenant,
        "{\"tenantInput\":{\"enabled\":true,"
            + "\"projectId\":\"8231afb6-90cd-65e8-84ba-d9abac0f94e6\","
            + "\"aem\":{\"programId\":\"11111\",\"environmentId\":\"222222\"},"
            + "\"commerce\":{\"baseUrl\":\""
            + storeUrl
            + "\",\"credentials\":{"
            + "\"consumerKey\":\""
            + CONSUMER_KEY
            + "\",\"consumerSecret\":\""
            + CONSUMER_SECRET
            + "\","
            + "\"accessToken\":\""
            + ACCESS_TOKEN
            + "\",\"accessTokenSecret\":\""
            + ACCESS_TOKEN_SECRET
            + "\"}},\"ruleType\":\"matchBySKU\",\"matchBySkuRule\":{\"metadataField\":\"commerce:skus\"}}}");
    return tenant.toString();
  }

  private String externalMatcherTenant(String actionUrl, String imsUrl) throws IOException {
    Path tenant = dir.resolve("external.json");
    Files.writeString(
        tenant,
        "{\"projectId\":\"p\",\"ruleType\":\"externalMatcher\","
            + "\"externalMatcher\":{\"assetToProductUrl\":\""
            + actionUrl
            + "/asset-to-product\","
            + "\"productToAssetUrl\":\""
            + actionUrl
            + "/product-to-asset\",\"credentials\":{"
            + "\"oauthServerUrl\":\""
            + imsUrl
            + "\",\"clientId\":\"client-id-1\","
            + "\"clientSecret\":\""
            + CLIENT_SECRET
            + "\",\"imsOrgId\":\"ORG@AdobeOrg\"}}}");
    return tenant.toString();
  }

  private String assetsFile() throws IOException {
    Path assets = dir.resolve("assets.jsonl");
    Files.writeString(
        assets,
        "{\"assetId\":\"urn:aaid:aem:0001\",\"metadata\":"
            + "{\"commerce:skus\":[\"sku-1\"],\"commerce:isCommerce\":\"yes\"}}\n");
    return assets.toString();
  }

  /** What the echo server answers: a status and a JSON body. */
  private record Answer(int status, String body) {}

  /**
   * A loopback server that answers every request through {@code answer}, given the request's
   * headers and body JSON-escaped and wrapped in control characters. Its {@code x-request-id}
   * echoes the headers too.
   */
  private static final class EchoServer implements AutoCloseable {
    private final HttpServer server;
    private final java.util.concurrent.atomic.AtomicInteger requests =
        new java.util.concurrent.atomic.AtomicInteger();

    private EchoServer(HttpServer server) {
      this.server = server;
    }

    static EchoServer start(Function<String, Answer> answer) throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      EchoServer echo = new EchoServer(server);
      server.createContext("/", exchange -> echo.answer(exchange, answer));
      server.start();
      return echo;
    }

    private void answer(HttpExchange exchange, Function<String, Answer> answer) throws IOException {
      requests.incrementAndGet();
      StringBuilder seen = new StringBuilder();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) ->
                  values.forEach(v -> seen.append(name).append(": ").append(v).append(' ')));
      try (InputStream in = exchange.getRequestBody()) {
        seen.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      String echoed = HOSTILE + seen + HOSTILE + "\r\n";
      Answer a = answer.apply(new String(JsonStringEncoder.getInstance().quoteAsString(echoed)));
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange
          .getResponseHeaders()
          .set("x-request-id", HOSTILE + seen.toString().replaceAll("[\\r\\n]", " "));
      exchange.sendResponseHeaders(a.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int requests() {
      return requests.get();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
