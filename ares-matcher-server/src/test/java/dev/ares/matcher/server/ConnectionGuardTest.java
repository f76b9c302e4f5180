package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which connection makes room for a new one, decided on connections made up in the test (no
 * sockets, no timing): never one being served; first those that never sent a head, then those
 * answered and closing, then those kept alive; at the server's cap from the address holding the
 * most of that kind.
 */
class ConnectionGuardTest {

  private static final AtomicInteger IDS = new AtomicInteger();

  /**
   * A timer whose deadlines never fire (its one thread returns at once without taking any task):
   * only the events the test sends decide.
   */
  @RegisterExtension final GuardLog log = new GuardLog();

  private final ScheduledThreadPoolExecutor timer =
      new ScheduledThreadPoolExecutor(1, task -> new Thread(() -> {}));

  private final List<Conn> all = new ArrayList<>();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  /** A made-up connection: its session, the stream listener's view of it, how it was closed. */
  static final class Conn {
    final InetSocketAddress remote;
    final String id = "c" + IDS.incrementAndGet();
    volatile CloseMode closed;
    final IOSession session;
    final HttpConnection http;

    Conn(String address) {
      try {
        remote = new InetSocketAddress(InetAddress.getByName(address), 10_000 + IDS.get());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
      session =
          (IOSession)
              Proxy.newProxyInstance(
                  IOSession.class.getClassLoader(),
                  new Class<?>[] {IOSession.class},
                  (proxy, method, args) ->
                      switch (method.getName()) {
                        case "getId" -> id;
                        case "getRemoteAddress" -> remote;
                        case "close" -> {
                          if (closed == null) {
                            closed = args == null ? CloseMode.GRACEFUL : (CloseMode) args[0];
                          }
                          yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> id;
                        default -> null;
                      });
      http =
          (HttpConnection)
              Proxy.newProxyInstance(
                  HttpConnection.class.getClassLoader(),
                  new Class<?>[] {HttpConnection.class},
                  (proxy, method, args) ->
                      switch (method.getName()) {
                        case "getRemoteAddress" -> remote;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> id;
                        default -> null;
                      });
    }

    @Override
    public String toString() {
      return id + "@" + remote.getAddress().getHostAddress();
    }
  }

  private ConnectionGuard guard(int maxConnections, int maxPerAddress) {
    return new ConnectionGuard(
        timer, Duration.ofMinutes(10), Duration.ofMinutes(10), maxConnections, maxPerAddress);
  }

  private Conn connect(ConnectionGuard guard, String address) {
    Conn c = new Conn(address);
    all.add(c);
    guard.connected(c.session);
    return c;
  }

  /** A whole head arrives: the request is being served. */
  private static Conn head(ConnectionGuard guard, Conn c) {
    guard.onRequestHead(c.http, null);
    return c;
  }

  /** Head and answer, the connection kept alive. */
  private static Conn keptAlive(ConnectionGuard guard, Conn c) {
    guard.onRequestHead(c.http, null);
    guard.onExchangeComplete(c.http, true);
    return c;
  }

  /** Head and an early answer: the connection drains, then closes. */
  private static Conn answeredEarly(ConnectionGuard guard, Conn c) {
    guard.onRequestHead(c.http, null);
    guard.onExchangeComplete(c.http, false);
    return c;
  }

  private List<Conn> closed() {
    return all.stream().filter(c -> c.closed != null).toList();
  }

  @Test
  void pastItsCapAnAddressLosesItsOwnOldestConnectionWithoutAHead() {
    ConnectionGuard guard = guard(256, 2);
    Conn a1 = connect(guard, "10.0.0.1");
    Conn a2 = connect(guard, "10.0.0.1");
    Conn b1 = connect(guard, "10.0.0.2");
    Conn a3 = connect(guard, "10.0.0.1");
    assertEquals(List.of(a1), closed());
    assertEquals(CloseMode.IMMEDIATE, a1.closed);
    Conn a4 = connect(guard, "10.0.0.1");
    assertEquals(List.of(a1, a2), closed());
    assertEquals(
        List.of(a3, a4, b1), List.of(a3, a4, b1).stream().filter(c -> c.closed == null).toList());
    assertEquals(3, guard.open());
    assertEquals(2, guard.evicted());
    assertEquals(0, guard.refused());
    // reported once, not again within the minute
    assertEquals(
        List.of(
            "connection caps reached (256 in all, 2 per address): 1 connection(s) not being served"
                + " closed to make room, 0 new connection(s) refused, so far; 3 open"),
        log.lines());
  }

  @Test
  void anAddressWhoseConnectionsAreAllServedIsRefusedMore() {
    ConnectionGuard guard = guard(256, 2);
    head(guard, connect(guard, "10.0.0.1"));
    head(guard, connect(guard, "10.0.0.1"));
    Conn third = connect(guard, "10.0.0.1");
    assertEquals(List.of(third), closed());
    assertEquals(CloseMode.IMMEDIATE, third.closed);
    assertEquals(1, guard.refused());
    assertNull(connect(guard, "10.0.0.2").closed);
  }

  @Test
  void atTheServerCapTheAddressHoldingTheMostOfTheKindLosesItsOldest() {
    ConnectionGuard guard = guard(6, 6);
    Conn loner = connect(guard, "10.0.0.3"); // the oldest of all, but its address holds two
    List<Conn> crowd = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      crowd.add(connect(guard, "10.0.0.2"));
    }
    connect(guard, "10.0.0.3");
    Conn caller = connect(guard, "10.0.0.1");
    assertEquals(List.of(crowd.get(0)), closed());
    // the crowd is down to three: still the most
    connect(guard, "10.0.0.4");
    assertEquals(List.of(crowd.get(0), crowd.get(1)), closed());
    // two and two (10.0.0.2 and 10.0.0.3): the older of the two oldest goes, the loner
    connect(guard, "10.0.0.5");
    assertEquals(List.of(loner, crowd.get(0), crowd.get(1)), closed());
    assertNull(caller.closed);
    assertEquals(6, guard.open());
  }

  @Test
  void neverHeadedFirstThenAnsweredAndClosingThenKeptAliveThenNone() {
    ConnectionGuard guard = guard(3, 3);
    Conn waiting = keptAlive(guard, connect(guard, "10.0.0.1"));
    Conn closing = answeredEarly(guard, connect(guard, "10.0.0.2"));
    Conn fresh = connect(guard, "10.0.0.3");
    Conn n1 = head(guard, connect(guard, "10.0.0.4"));
    assertEquals(List.of(fresh), closed());
    assertEquals(CloseMode.IMMEDIATE, fresh.closed);
    Conn n2 = head(guard, connect(guard, "10.0.0.4"));
    assertEquals(List.of(closing, fresh), closed());
    assertEquals(CloseMode.GRACEFUL, closing.closed);
    Conn n3 = head(guard, connect(guard, "10.0.0.4"));
    assertEquals(List.of(waiting, closing, fresh), closed());
    assertEquals(CloseMode.GRACEFUL, waiting.closed);
    // all three being served: nothing makes room
    Conn n4 = connect(guard, "10.0.0.5");
    assertEquals(CloseMode.IMMEDIATE, n4.closed);
    assertEquals(
        List.of(n1, n2, n3), List.of(n1, n2, n3).stream().filter(c -> c.closed == null).toList());
    assertEquals(3, guard.evicted());
    assertEquals(1, guard.refused());
  }

  @Test
  void aNewCallerKeepsItsConnectionBesideAnAddressWhoseRefusalsAreDraining() {
    // Forged tokens: whole heads answered 401 at once, draining. The caller's connection is the
    // only one without a head, but its address holds one connection and the forger's three.
    ConnectionGuard guard = guard(4, 4);
    List<Conn> forged = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      forged.add(answeredEarly(guard, connect(guard, "10.0.0.2")));
    }
    Conn caller = connect(guard, "10.0.0.1");
    Conn next = connect(guard, "10.0.0.3");
    assertEquals(List.of(forged.get(0)), closed());
    assertEquals(CloseMode.GRACEFUL, forged.get(0).closed);
    assertNull(caller.closed);
    assertNull(next.closed);
  }

  @Test
  void aKeptAliveConnectionSendingItsNextHeadIsStillOneThatMayMakeRoom() {
    ConnectionGuard guard = guard(1, 1);
    Conn kept = keptAlive(guard, connect(guard, "10.0.0.1"));
    guard.inputReady(kept.session); // the first bytes of its next head
    connect(guard, "10.0.0.2");
    assertEquals(List.of(kept), closed());
  }

  @Test
  void aPipelinedRequestKeepsItsConnectionServed() {
    ConnectionGuard guard = guard(1, 1);
    Conn c = connect(guard, "10.0.0.1");
    guard.onRequestHead(c.http, null);
    guard.onRequestHead(c.http, null); // pipelined behind the first
    guard.onExchangeComplete(c.http, true); // the first answered; the second is being served
    Conn other = connect(guard, "10.0.0.2");
    assertEquals(CloseMode.IMMEDIATE, other.closed);
    assertNull(c.closed);
    guard.onExchangeComplete(c.http, true); // now it waits for its next request
    Conn another = connect(guard, "10.0.0.2");
    assertEquals(CloseMode.GRACEFUL, c.closed);
    assertNull(another.closed);
  }

  @Test
  void aClosedConnectionIsCountedOnceWhetherMadeToMakeRoomOrNot() {
    ConnectionGuard guard = guard(2, 1);
    Conn a1 = connect(guard, "10.0.0.1");
    Conn a2 = connect(guard, "10.0.0.1"); // a1 makes room
    guard.disconnected(a1.session); // as the reactor reports it later
    assertEquals(1, guard.open());
    Conn b1 = connect(guard, "10.0.0.2");
    assertEquals(2, guard.open());
    guard.disconnected(b1.session);
    guard.disconnected(b1.session);
    assertEquals(1, guard.open());
    // the address emptied and refilled by its own making room is still counted: a3 takes a2's
    Conn a3 = connect(guard, "10.0.0.1");
    assertEquals(CloseMode.IMMEDIATE, a2.closed);
    assertNull(a3.closed);
    assertEquals(1, guard.open());
    guard.disconnected(a3.session);
    assertEquals(0, guard.open());
    assertEquals(2, guard.evicted());
    assertEquals(4, guard.accepted());
  }

  @Test
  void aConnectionWithoutARemoteAddressIsClosedUncounted() {
    ConnectionGuard guard = guard(2, 2);
    IOSession nowhere =
        (IOSession)
            Proxy.newProxyInstance(
                IOSession.class.getClassLoader(),
                new Class<?>[] {IOSession.class},
                (proxy, method, args) -> method.getName().equals("getId") ? "x" : null);
    guard.connected(nowhere);
    assertEquals(0, guard.open());
    assertEquals(1, guard.accepted());
  }
}
