package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.testsupport.TestCa;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve-matcher} as an operator runs it: over TLS from a PKCS12 key store whose password
 * comes from the environment, on a port picked by {@code --port 0} and printed, and stopped by
 * SIGTERM (twice) with a request in flight.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeMatcherOperationsTest {

  private static final String PASSWORD = "store-password-9f3a";
  private static final String BODY = "{\"productSku\":\"sku-7\"}";
  private static final Pattern URL_LINE =
      Pattern.compile("  product-to-asset: (https?://127\\.0\\.0\\.1:(\\d+))/product-to-asset");

  @TempDir static Path dir;
  private static TestCa ca;
  private static Path keyStore;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void keyStore() throws Exception {
    ca = TestCa.forLoopback();
    keyStore = dir.resolve("server.p12");
    try (OutputStream o = Files.newOutputStream(keyStore)) {
      ca.serverKeyStore(PASSWORD.toCharArray()).store(o, PASSWORD.toCharArray());
    }
  }

  private ServeMatcherCommand.Serving start(Map<String, String> env, String... args)
      throws Exception {
    return ServeMatcherCommand.start(
        List.of(args),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> post(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tlsFromAPkcs12KeyStoreOnAPickedPortPrintsTheHttpsUrls() throws Exception {
    HttpClient trusting =
        HttpClient.newBuilder()
            .sslContext(ca.clientContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    try (ServeMatcherCommand.Serving s =
        start(
            Map.of(ServerKeyStore.PASSWORD_VARIABLE, PASSWORD),
            "--allow-anonymous",
            "--port",
            "0",
            "--tls-keystore",
            keyStore.toString())) {
      assertNotNull(s, err.toString(StandardCharsets.UTF_8));
      int port = s.server().port();
      assertTrue(port > 0);
      String base = "https://127.0.0.1:" + port;
      assertTrue(out().contains("  asset-to-product: " + base + "/asset-to-product\n"), out());
      assertTrue(out().contains("  product-to-asset: " + base + "/product-to-asset\n"), out());
      assertTrue(out().contains("  health: " + base + "/health\n"), out());
      assertTrue(out().contains("TLS certificate CN=localhost, valid until "), out());
      assertFalse(out().contains(PASSWORD), "the password is never printed");

      HttpResponse<String> answer = post(trusting, base + "/product-to-asset");
      assertEquals(200, answer.statusCode());
      assertTrue(answer.body().contains("\"asset_matches\""), answer.body());
      HttpResponse<String> health =
          trusting.send(
              HttpRequest.newBuilder(URI.create(base + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals("{\"status\":\"UP\"}", health.body());
      assertThrows(
          IOException.class,
          () -> post(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/product-to-asset"),
          "plain http to the TLS port fails");
    }
    assertTrue(out().contains("stopping: no new connections; 0 request(s) in flight"), out());
    assertTrue(out().endsWith("stopped\n"), out());
  }

  @Test
  void aKeyStoreThatCannotBeUsedIsABadInputNamingWhatIsWrong() throws Exception {
    Path trustOnly = dir.resolve("trust-only.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, PASSWORD.toCharArray());
    store.setCertificateEntry("ca", ca.caCertificate());
    try (OutputStream o = Files.newOutputStream(trustOnly)) {
      store.store(o, PASSWORD.toCharArray());
    }
    Path notPkcs12 = dir.resolve("not.p12");
    Files.writeString(notPkcs12, "-----BEGIN CERTIFICATE-----\n");
    String[][] cases = {
      {keyStore.toString(), null, "set ARES_MATCHER_KEYSTORE_PASSWORD to the key store's password"},
      {keyStore.toString(), "wrong-password-1", "cannot open " + keyStore + " as PKCS12"},
      {notPkcs12.toString(), PASSWORD, "cannot open " + notPkcs12 + " as PKCS12"},
      {trustOnly.toString(), PASSWORD, "holds no private key with a certificate"},
      {dir.resolve("missing.p12").toString(), PASSWORD, "--tls-keystore: no file "},
    };
    for (String[] c : cases) {
      Map<String, String> env =
          c[1] == null ? Map.of() : Map.of(ServerKeyStore.PASSWORD_VARIABLE, c[1]);
      BadInputException e =
          assertThrows(
              BadInputException.class,
              () -> start(env, "--allow-anonymous", "--port", "0", "--tls-keystore", c[0]),
              c[0]);
      assertTrue(e.getMessage().contains(c[2]), e.getMessage());
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
      assertFalse(e.getMessage().contains("wrong-password-1"), e.getMessage());
    }
    // through Main: status 2, one line, and the flag wants its value
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, Main.run(new String[] {"serve-matcher", "--tls-keystore"}, o, e));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains(
                "--tls-keystore needs a value (the password goes in ARES_MATCHER_KEYSTORE_PASSWORD)"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void plainHttpOnANonLoopbackAddressIsWarnedAbout() throws Exception {
    try (ServeMatcherCommand.Serving s = start(Map.of(), "--bind", "0.0.0.0", "--port", "0")) {
      assertTrue(
          out()
              .contains(
                  "  product-to-asset: http://0.0.0.0:" + s.server().port() + "/product-to-asset"),
          out());
      assertTrue(out().contains("warning: plain http on a non-loopback address"), out());
    }
  }

  /**
   * A real SIGTERM, sent twice, to a child JVM serving a request that waits: new connections are
   * refused at once, the request in flight completes with 200, then the process exits (143).
   */
  @Test
  void sigtermTwiceWithARequestInFlightLetsItFinishThenExits() throws Exception {
    Path services = dir.resolve("gated").resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve("dev.ares.matching.AssetMatcher"),
        StdinGatedMatcher.class.getName() + "\n");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(dir.resolve("gated") + File.pathSeparator + System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "serve-matcher",
            "--allow-anonymous",
            "--port",
            "0",
            "--matcher",
            StdinGatedMatcher.NAME));
    Path stderr = dir.resolve("child.err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("ARES_"));
    Process child = builder.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("read failed: " + e);
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      Matcher url = URL_LINE.matcher(await(lines, "  product-to-asset: "));
      assertTrue(url.matches(), url.toString());
      int port = Integer.parseInt(url.group(2));
      CompletableFuture<HttpResponse<String>> inFlight =
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(URI.create(url.group(1) + "/product-to-asset"))
                      .timeout(Duration.ofSeconds(30))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(BODY))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      await(lines, StdinGatedMatcher.RUNNING);

      child.toHandle().destroy(); // SIGTERM
      child.toHandle().destroy(); // and again, while the shutdown hook runs
      assertTrue(
          await(lines, "stopping: ")
              .startsWith("stopping: no new connections; 1 request(s) in flight"));
      assertRefusedSoon(port);
      assertFalse(inFlight.isDone());

      child.getOutputStream().write('\n'); // the matcher answers
      child.getOutputStream().flush();
      HttpResponse<String> answer = inFlight.get(20, TimeUnit.SECONDS);
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals("stopped", await(lines, "stopped"));
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child exits");
      assertEquals(143, child.exitValue(), "terminated by SIGTERM");
      String log = Files.readString(stderr, StandardCharsets.UTF_8);
      assertTrue(
          Pattern.compile(
                  "INFO dev\\.ares\\.matcher\\.access - 127\\.0\\.0\\.1 POST /product-to-asset 200 \\d+ms -")
              .matcher(log)
              .find(),
          log);
    } finally {
      child.destroyForcibly();
    }
  }

  /** The next line of {@code lines} that starts with {@code prefix}, within 30 s. */
  private static String await(BlockingQueue<String> lines, String prefix)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> seen = new ArrayList<>();
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no line starting " + prefix + " in " + seen);
      }
      if (line.startsWith(prefix)) {
        return line;
      }
      seen.add(line);
    }
  }

  private static void assertRefusedSoon(int port) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("still taking connections");
        }
      } catch (ConnectException e) {
        return;
      }
    }
  }
}
