package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.testsupport.TestCa;
import dev.ares.matching.MatchBySku;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The matcher served over TLS: called end to end by a client that trusts only the test CA, and
 * attacked with plain HTTP, garbage instead of a client hello, a held and a dripping handshake.
 */
class MatcherServerTlsTest {

  private static final String BODY = "{\"productSku\":\"p1\"}";
  private static TestCa ca;
  private static HttpClient trusting;

  private MatcherServer server;
  private final RecordingServerListener events = new RecordingServerListener();
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  static void ca() {
    ca = TestCa.forLoopback();
    trusting =
        HttpClient.newBuilder()
            .sslContext(ca.clientContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void closeClient() {
    trusting = null;
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private MatcherServer.Builder tlsServer() {
    return MatcherServer.builder(
            AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build())
        .tls(ca.serverContext())
        .eventListener(events);
  }

  private static HttpResponse<String> call(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Socket open() throws IOException {
    Socket s = RawHttp.open(server.port(), 5000);
    sockets.add(s);
    return s;
  }

  /** The server closed {@code s} without a byte of HTTP: clean end of stream or a reset. */
  private static String readUntilClosed(Socket s) throws IOException {
    try {
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (SocketException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("reset"), e.toString());
      return "";
    }
  }

  @Test
  void aClientTrustingTheCaIsServedOverHttpsAndHealthToo() throws Exception {
    server = tlsServer().start();
    assertTrue(server.baseUrl().startsWith("https://127.0.0.1:"), server.baseUrl());
    assertTrue(server.productToAssetUrl().startsWith("https://"), server.productToAssetUrl());
    HttpResponse<String> answer = call(trusting, server.productToAssetUrl());
    assertEquals(200, answer.statusCode());
    assertTrue(answer.body().contains("\"asset_matches\""), answer.body());
    assertEquals(RequestOutcome.ANSWERED, events.nextRequest().outcome());
    HttpResponse<String> health =
        trusting.send(
            HttpRequest.newBuilder(URI.create(server.healthUrl())).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"UP\"}", health.body());
    // the same kept-alive TLS connection served both: one connection accepted
    assertEquals(1, server.connectionsAccepted());
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateFailsItsHandshake() throws Exception {
    server = tlsServer().start();
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThrows(SSLHandshakeException.class, () -> call(untrusting, server.productToAssetUrl()));
    assertEquals(ConnectionRefusal.TLS_HANDSHAKE, events.nextRefusal());
  }

  @Test
  void plainHttpToTheTlsPortFailsCleanlyAndTheServerGoesOn() throws Exception {
    server = tlsServer().start();
    String plainUrl = server.productToAssetUrl().replace("https://", "http://");
    long start = System.nanoTime();
    assertThrows(IOException.class, () -> call(HttpClient.newHttpClient(), plainUrl));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no hang");
    assertEquals(ConnectionRefusal.TLS_HANDSHAKE, events.nextRefusal());

    Socket raw = open();
    RawHttp.send(
        raw,
        RawHttp.post(
            "/product-to-asset", "application/json", "", BODY.getBytes(StandardCharsets.UTF_8)));
    String back = readUntilClosed(raw);
    assertFalse(back.contains("HTTP/"), "no HTTP answer in the clear: " + back);
    assertFalse(back.contains("asset_matches"), back);
    assertEquals(ConnectionRefusal.TLS_HANDSHAKE, events.nextRefusal());
    assertEquals(200, call(trusting, server.productToAssetUrl()).statusCode());
    assertTrue(events.requests.stream().noneMatch(r -> r.route().equals(ServedRequest.OTHER)));
  }

  @Test
  void garbageInsteadOfAClientHelloIsDroppedAndTheServerGoesOn() throws Exception {
    server = tlsServer().headerTimeout(Duration.ofSeconds(2)).start();
    assertEquals(200, call(trusting, server.productToAssetUrl()).statusCode());
    Random random = new Random(23);
    List<byte[]> garbage = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] bytes = new byte[1 + random.nextInt(4096)];
      random.nextBytes(bytes);
      garbage.add(bytes);
    }
    garbage.add(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 0, 0, 0, 0}); // a hello of nothing
    garbage.add(new byte[] {0x16, 0x03, 0x03, (byte) 0xff, (byte) 0xff, 1}); // 64 KiB promised
    garbage.add(new byte[] {(byte) 0x80, 0x2e, 0x01, 0x00, 0x02}); // an SSLv2 hello, cut
    garbage.add(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28}); // an alert first
    garbage.add("\u0016\u0003\u0001".getBytes(StandardCharsets.ISO_8859_1)); // a record, cut
    for (byte[] bytes : garbage) {
      Socket s = open();
      RawHttp.send(s, bytes);
      long start = System.nanoTime();
      String back = readUntilClosed(s);
      assertFalse(back.contains("HTTP/"), back);
      assertTrue(
          System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6),
          "closed at the latest by the header timeout: " + Arrays.toString(bytes));
    }
    assertEquals(200, call(trusting, server.productToAssetUrl()).statusCode());
    for (int i = 0; i < garbage.size(); i++) {
      assertEquals(ConnectionRefusal.TLS_HANDSHAKE, events.nextRefusal(), "one per connection");
    }
  }

  @Test
  void aHandshakeThatDripsIsHeldToTheHeaderTimeout() throws Exception {
    server = tlsServer().headerTimeout(Duration.ofMillis(500)).start();
    byte[] hello = clientHello(ca.clientContext());
    Socket s = open();
    ScheduledExecutorService dripper = Executors.newSingleThreadScheduledExecutor();
    try {
      int[] next = {0};
      boolean[] refused = {false};
      dripper.scheduleWithFixedDelay(
          () -> {
            if (next[0] < hello.length && !refused[0]) {
              try {
                RawHttp.send(s, new byte[] {hello[next[0]]});
                next[0]++;
              } catch (IOException e) {
                refused[0] = true; // closed by the server
              }
            }
          },
          0,
          50,
          TimeUnit.MILLISECONDS);
      long start = System.nanoTime();
      readUntilClosed(s);
      long took = System.nanoTime() - start;
      assertTrue(took < TimeUnit.SECONDS.toNanos(3), "closed after " + took / 1_000_000 + " ms");
      dripper.shutdownNow();
      assertTrue(dripper.awaitTermination(5, TimeUnit.SECONDS));
      assertTrue(
          next[0] < hello.length, "closed after " + next[0] + " of " + hello.length + " bytes");
    } finally {
      dripper.shutdownNow();
    }
  }

  @Test
  void aConnectionInItsHandshakeCountsAgainstTheConnectionCap() throws Exception {
    server = tlsServer().maxConnections(1).start();
    Socket handshaking = open(); // connected over TCP, no hello yet
    MatcherServerOperationsTest.awaitAccepted(server, 1);
    // It counts against the cap, and goes first when a connection needs the room (no head yet).
    assertEquals(200, call(trusting, server.productToAssetUrl()).statusCode());
    assertEquals(ConnectionRefusal.MADE_ROOM, events.nextRefusal());
    try {
      assertEquals(-1, handshaking.getInputStream().read(), "closed to make room");
    } catch (java.net.SocketException reset) {
      // closed with a reset: as closed as an end of stream
    }
  }

  @Test
  void anSslContextWithoutAKeyServesNobody() throws Exception {
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build())
            .tls(SSLContext.getDefault())
            .eventListener(events)
            .start();
    assertThrows(IOException.class, () -> call(trusting, server.productToAssetUrl()));
    assertEquals(ConnectionRefusal.TLS_HANDSHAKE, events.nextRefusal());
  }

  /** The first flight of a TLS client: its client hello, as sent on the wire. */
  private static byte[] clientHello(SSLContext context) throws IOException {
    SSLEngine engine = context.createSSLEngine("localhost", 443);
    engine.setUseClientMode(true);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out);
    out.flip();
    byte[] bytes = new byte[out.remaining()];
    out.get(bytes);
    return bytes;
  }
}
