package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matching.MatchBySku;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The connection caps under attack: one address cannot take more than its share, and when the
 * server is full, connections that have not sent a whole request head make room, so callers that
 * send whole requests keep being served. On Linux every 127.0.0.0/8 address is loopback: attacking
 * sockets are bound to 127.0.0.2 and others, callers to 127.0.0.1.
 */
class FairUnderAttackTest {

  @RegisterExtension final GuardLog guardLog = new GuardLog();

  static final byte[] VALID = "{\"productSku\":\"p1\"}".getBytes(StandardCharsets.UTF_8);
  static final String SLOW_HEAD = "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nX-Slow: a";

  private MatcherServer server;
  private ImsAccessTokenValidator validator;
  private MockWebServer keyServer;
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
    if (validator != null) {
      validator.close();
    }
    if (keyServer != null) {
      keyServer.close();
    }
  }

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }

  /** A socket from {@code from} to the server's loopback port. */
  static Socket openFrom(String from, String to, int port) throws IOException {
    Socket s = new Socket();
    try {
      s.bind(new InetSocketAddress(address(from), 0));
      s.connect(new InetSocketAddress(address(to), port), 5000);
      s.setSoTimeout(5000);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private Socket open(String from) throws IOException {
    return open(from, "127.0.0.1");
  }

  private Socket open(String from, String to) throws IOException {
    Socket s = openFrom(from, to, server.port());
    sockets.add(s);
    return s;
  }

  /** A connection from {@code from} that sends part of a head and then nothing. */
  private Socket slow(String from) throws IOException {
    Socket s = open(from);
    RawHttp.send(s, SLOW_HEAD);
    return s;
  }

  /**
   * As {@link #slow}, once the server has counted it: connections are registered on two I/O
   * threads, so only this fixes which is older.
   */
  private Socket slowInTurn(String from) throws IOException {
    long before = server.connectionsAccepted();
    Socket s = slow(from);
    awaitAccepted(before + 1);
    return s;
  }

  /** Waits until the server has taken {@code n} connections in all. */
  private void awaitAccepted(long n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.connectionsAccepted() < n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(server.connectionsAccepted() >= n, "accepted " + server.connectionsAccepted());
  }

  /** Whether the server has closed {@code s}: an end of stream or a reset within 5 s. */
  static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() == -1;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  /** Completes the slow head {@code s} sent, with a body: the status answered. */
  private static int finish(Socket s, String authorization) throws IOException {
    RawHttp.send(
        s,
        "\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
            + "Content-Length: "
            + VALID.length
            + "\r\n\r\n");
    RawHttp.send(s, VALID);
    return RawHttp.status(s);
  }

  /** Whether a whole call from {@code from} is closed unanswered. */
  private boolean refused(String from) throws IOException {
    try (Socket s = openFrom(from, "127.0.0.1", server.port())) {
      RawHttp.send(s, RawHttp.post("/product-to-asset", "application/json", "", VALID));
      return closedByServer(s);
    } catch (SocketException resetWhileConnectingOrSending) {
      return true;
    }
  }

  /**
   * A call from {@code from} until it is answered 200 (within 5 s): the server learns that an
   * answer is complete only after the client may have read it.
   */
  private int callUntilServed(String from) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try {
        return call(from);
      } catch (SocketException refusedMeanwhile) {
        if (System.nanoTime() > deadline) {
          throw refusedMeanwhile;
        }
      }
    }
  }

  private int call(String from) throws IOException {
    try (Socket s = openFrom(from, "127.0.0.1", server.port())) {
      RawHttp.send(s, RawHttp.post("/product-to-asset", "application/json", "", VALID));
      return RawHttp.status(s);
    }
  }

  private static MatcherServer.Builder anonymous() {
    return MatcherServer.builder(
        AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus()).allowAnonymous().build());
  }

  @Test
  void oneAddressPastItsCapLosesItsOwnOldestHeadlessConnection() throws Exception {
    server = anonymous().maxConnectionsPerAddress(3).start();
    Socket first = slowInTurn("127.0.0.2");
    Socket second = slowInTurn("127.0.0.2");
    slowInTurn("127.0.0.2");
    Socket fourth = slow("127.0.0.2");
    assertTrue(closedByServer(first));
    // the others are still open: each can still complete its request
    assertEquals(200, finish(second, null));
    assertEquals(200, finish(fourth, null));
    // other addresses are not touched by this one's cap
    assertEquals(200, call("127.0.0.1"));
    assertEquals(200, call("127.0.0.3"));
  }

  @Test
  void atTheServerCapTheAddressHoldingTheMostHeadlessConnectionsLosesItsOldest() throws Exception {
    server = anonymous().maxConnections(6).maxConnectionsPerAddress(6).start();
    Socket loner = slowInTurn("127.0.0.3"); // the oldest of all, but its address holds only two
    List<Socket> crowd = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      crowd.add(slowInTurn("127.0.0.2"));
    }
    slowInTurn("127.0.0.3");
    assertEquals(200, call("127.0.0.1"));
    assertTrue(closedByServer(crowd.get(0)));
    assertEquals(200, finish(loner, null));
    assertEquals(200, finish(crowd.get(1), null));
  }

  @Test
  void connectionsThatSentAWholeHeadAreNeverClosedToMakeRoom() throws Exception {
    server = anonymous().maxConnections(2).start();
    // whole heads, bodies not yet sent: read, never closed to make room
    Socket a = open("127.0.0.2");
    Socket b = open("127.0.0.3");
    for (Socket s : List.of(a, b)) {
      RawHttp.send(
          s,
          "POST /product-to-asset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Connection: close\r\nContent-Length: "
              + VALID.length
              + "\r\n\r\n");
    }
    awaitAccepted(2);
    assertTrue(refused("127.0.0.4"));
    RawHttp.send(a, VALID);
    assertEquals(200, RawHttp.status(a));
    RawHttp.send(b, VALID);
    assertEquals(200, RawHttp.status(b));
    a.close();
    b.close();
    // once they are gone, a new call is served
    assertEquals(200, callUntilServed("127.0.0.4"));
  }

  @Test
  void keptAliveConnectionsMakeRoomOnlyAfterThoseThatNeverSentAHead() throws Exception {
    server = anonymous().maxConnections(2).start();
    Socket kept = open("127.0.0.2");
    byte[] keepAlive =
        new String(
                RawHttp.post("/product-to-asset", "application/json", "", VALID),
                StandardCharsets.ISO_8859_1)
            .replace("Connection: close\r\n", "")
            .getBytes(StandardCharsets.ISO_8859_1);
    RawHttp.send(kept, keepAlive);
    assertTrue(RawHttp.readResponse(kept).startsWith("HTTP/1.1 200"));
    Socket fresh = slowInTurn("127.0.0.3");
    assertEquals(200, call("127.0.0.4"));
    assertTrue(closedByServer(fresh));
    // the kept-alive connection was not touched: it is served again
    RawHttp.send(kept, keepAlive);
    assertTrue(RawHttp.readResponse(kept).startsWith("HTTP/1.1 200"));
  }

  @Test
  void whenNothingElseCanMakeRoomAKeptAliveConnectionIsClosed() throws Exception {
    server = anonymous().maxConnections(1).start();
    Socket kept = open("127.0.0.2");
    RawHttp.send(
        kept,
        new String(
                RawHttp.post("/product-to-asset", "application/json", "", VALID),
                StandardCharsets.ISO_8859_1)
            .replace("Connection: close\r\n", ""));
    assertTrue(RawHttp.readResponse(kept).startsWith("HTTP/1.1 200"));
    assertEquals(200, callUntilServed("127.0.0.3"));
    assertTrue(closedByServer(kept));
  }

  @Test
  void thePerAddressCapIsSettableAndCheckedAgainstTheServerCap() {
    AresValidationException zero =
        assertThrows(
            AresValidationException.class, () -> anonymous().maxConnectionsPerAddress(0).start());
    assertEquals(
        List.of(
            FieldViolation.of(
                "maxConnectionsPerAddress", "must be between 1 and maxConnections (256)")),
        zero.violations());
    AresValidationException above =
        assertThrows(
            AresValidationException.class,
            () -> anonymous().maxConnections(16).maxConnectionsPerAddress(17).start());
    assertEquals(
        List.of(
            FieldViolation.of(
                "maxConnectionsPerAddress", "must be between 1 and maxConnections (16)")),
        above.violations());
    // at the edges; and the default follows a server cap below 64
    anonymous().maxConnections(16).maxConnectionsPerAddress(16).start().close();
    anonymous().maxConnectionsPerAddress(1).start().close();
    anonymous().maxConnections(1).start().close();
  }

  @Test
  void addressesAreCountedAsIpv4OrAsAnIpv6Slash64() throws Exception {
    Supplier<Object> v4 =
        () -> ConnectionGuard.peerKey(new InetSocketAddress(address("127.0.0.2"), 1));
    assertEquals(v4.get(), ConnectionGuard.peerKey(new InetSocketAddress(address("127.0.0.2"), 2)));
    assertNotEquals(
        v4.get(), ConnectionGuard.peerKey(new InetSocketAddress(address("127.0.0.3"), 1)));
    // an IPv4-mapped IPv6 address is the IPv4 address
    Object mapped = ConnectionGuard.peerKey(new InetSocketAddress(address("::ffff:127.0.0.2"), 1));
    assertTrue(address("::ffff:127.0.0.2") instanceof Inet4Address);
    assertEquals(v4.get(), mapped);
    // one /64 is one address; the next /64 is another
    Object a = ConnectionGuard.peerKey(new InetSocketAddress(address("2001:db8:0:7::1"), 1));
    assertEquals(
        a, ConnectionGuard.peerKey(new InetSocketAddress(address("2001:db8:0:7:ffff:1:2:3"), 1)));
    assertNotEquals(
        a, ConnectionGuard.peerKey(new InetSocketAddress(address("2001:db8:0:8::1"), 1)));
    assertEquals(
        ConnectionGuard.peerKey(new InetSocketAddress(address("::1"), 1)),
        ConnectionGuard.peerKey(new InetSocketAddress(address("::2"), 1)));
  }

  @Test
  void overIpv6AndIpv4AtOnceEachAddressHasItsOwnCap() throws Exception {
    InetAddress any6 = address("::");
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, any6)) {
      assumeTrue(probe.isBound());
    } catch (IOException noIpv6) {
      assumeTrue(false, "no IPv6 here");
    }
    server = anonymous().bindAddress(any6).maxConnectionsPerAddress(2).start();
    List<Socket> v6 = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Socket s = open("::1", "::1");
      RawHttp.send(s, SLOW_HEAD);
      awaitAccepted(i + 1);
      v6.add(s);
    }
    Socket v4 = slowInTurn("127.0.0.2");
    slowInTurn("127.0.0.2");
    // a third from ::1 closes the oldest from ::1, not one from 127.0.0.2
    Socket third6 = open("::1", "::1");
    RawHttp.send(third6, SLOW_HEAD);
    assertTrue(closedByServer(v6.get(0)));
    assertEquals(200, finish(v4, null));
    assertEquals(200, finish(v6.get(1), null));
    // a dual-stack socket sees IPv4 callers as IPv4 addresses: 127.0.0.1 has a cap of its own
    assertEquals(200, call("127.0.0.1"));
  }

  /**
   * The bar: 300 slow sockets from 127.0.0.2 against the default caps (256 in all, 64 per
   * address), while 200 calls from 127.0.0.1 carry an IMS token signed by the test key: at least
   * 99% succeed, each in under a second. Also with anonymous access and the per-address cap as high
   * as the server's, so that only making room at the server cap keeps the calls served.
   * (FairUnderAttackLoadTest: attackers that reconnect, from many addresses, over IPv6.)
   */
  @ParameterizedTest(name = "token {0}, per-address cap {1}")
  @CsvSource({"true, default", "false, 256"})
  void wholeRequestsFromAnotherAddressAreServedWhileOneAddressHoldsThreeHundredSlowSockets(
      boolean token, String perAddress) throws Exception {
    AssetMatcherHttpHandler.Builder handler =
        AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus());
    String authorization = null;
    if (token) {
      keyServer = keyServer();
      validator =
          ImsAccessTokenValidator.builder(ImsTokens.CLIENT_ID)
              .keysBaseUrl(keyServer.url("/keys/").toString())
              .build();
      handler.tokenValidator(validator);
      authorization = "Bearer " + ImsTokens.valid(Instant.now());
    } else {
      handler.allowAnonymous();
    }
    MatcherServer.Builder builder = MatcherServer.builder(handler.build());
    if (!perAddress.equals("default")) {
      builder.maxConnectionsPerAddress(Integer.parseInt(perAddress));
    }
    server = builder.start();
    // Once before the attack: the first call fetches the IMS key and loads the classes on its way.
    assertEquals(0, calls(server.port(), "127.0.0.1", authorization, 1, 1).failures().size());
    int held = 0;
    for (int i = 0; i < 300; i++) {
      try {
        slow("127.0.0.2");
        held++;
      } catch (SocketException resetAtOnce) {
        // Linux frees an attacking socket's port when the server resets it; a new socket can then
        // reuse the pair of addresses and ports of one the server is still resetting.
      }
    }
    awaitAccepted(1 + held);
    Result result = calls(server.port(), "127.0.0.1", authorization, 200, 4);
    assertTrue(result.ok() >= 198, result::toString);
    assertTrue(result.slowestMillis() < 1000, result::toString);
  }

  /** A started key server publishing the test IMS key. */
  static MockWebServer keyServer() throws IOException {
    MockWebServer keyServer = new MockWebServer();
    keyServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return request.getUrl().encodedPath().equals("/keys/" + ImsTokens.KEY_NAME)
                ? new MockResponse.Builder().code(200).body(ImsTokens.KEY.certificatePem()).build()
                : new MockResponse.Builder().code(404).build();
          }
        });
    keyServer.start();
    return keyServer;
  }

  /** How {@code n} calls went; {@code millis} sorted. */
  record Result(int calls, int ok, long[] millis, List<String> failures) {
    long slowestMillis() {
      return millis[millis.length - 1];
    }

    @Override
    public String toString() {
      return ok
          + " of "
          + calls
          + " answered 200; median "
          + millis[millis.length / 2]
          + " ms, 99th percentile "
          + millis[(int) Math.ceil(millis.length * 0.99) - 1]
          + " ms, slowest "
          + slowestMillis()
          + " ms; failures "
          + failures.subList(0, Math.min(5, failures.size()));
    }
  }

  /**
   * {@code n} whole calls from {@code from} on {@code threads} threads, each on its own connection,
   * timed from connecting to the status line.
   */
  static Result calls(int port, String from, String authorization, int n, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long[] millis = new long[n];
    List<Future<String>> results = new ArrayList<>();
    byte[] request =
        RawHttp.post(
            "/product-to-asset",
            "application/json",
            authorization == null ? "" : "Authorization: " + authorization + "\r\n",
            VALID);
    try {
      for (int i = 0; i < n; i++) {
        int call = i;
        results.add(
            pool.submit(
                () -> {
                  long start = System.nanoTime();
                  try (Socket s = openFrom(from, "127.0.0.1", port)) {
                    RawHttp.send(s, request);
                    int status = RawHttp.status(s);
                    return status == 200 ? null : "HTTP " + status;
                  } catch (IOException e) {
                    return e.toString();
                  } finally {
                    millis[call] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                  }
                }));
      }
      List<String> failures = new ArrayList<>();
      for (Future<String> f : results) {
        String failure = f.get(60, TimeUnit.SECONDS);
        if (failure != null) {
          failures.add(failure);
        }
      }
      // (the futures' completion orders the writes to millis before this read)
      Arrays.sort(millis);
      return new Result(n, n - failures.size(), millis, failures);
    } finally {
      pool.shutdownNow();
    }
  }
}
