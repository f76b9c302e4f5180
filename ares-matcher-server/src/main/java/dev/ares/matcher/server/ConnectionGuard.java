package dev.ares.matcher.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which connections the server keeps, so that callers that send whole requests keep being
 * served while others hold sockets open.
 *
 * <p><b>Deadlines.</b> Closes a connection whose request head does not arrive in time: within the
 * header timeout of connecting; on a kept-alive connection, the next request's first byte within
 * the idle timeout of the previous exchange and the rest of its head within the header timeout of
 * that byte. The I/O reactor's socket timeout only closes connections that send nothing at all;
 * this also closes those that drip a header a byte at a time. A connection whose answer says {@code
 * Connection: close} is closed as soon as the answer is written (after a short drain).
 *
 * <p><b>Caps.</b> At most {@code maxConnections} connections are open at once, and at most {@code
 * maxPerAddress} from one address (an IPv4 address, or an IPv6 /64: one host usually holds a whole
 * /64). When a new connection would pass a cap, a connection not being served makes room for it,
 * never one whose request is being read, run or answered. Of those, first the ones that never sent
 * a whole request head, then the ones already answered and closing (a refusal draining the rest of
 * its request), then the ones kept alive waiting for their next request; of a kind, the oldest:
 *
 * <ol>
 *   <li>over its address's cap: one of that address's;
 *   <li>over the server's cap: one of the address holding the most connections not being served;
 *       among addresses holding as many, the first by kind, then by age. So a caller with one new
 *       connection is the last to lose it, whatever the connections of an address holding many.
 * </ol>
 *
 * When no connection may make room, the new one is closed at once. Counts the connections accepted,
 * closed to make room and refused, and reports shedding at WARN at most once a minute.
 */
final class ConnectionGuard implements IOSessionListener, Http1StreamListener {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  /** How long a connection answered early may drain the rest of its request before it is closed. */
  static final Duration LINGER = Duration.ofSeconds(1);

  /** How often shedding is reported. */
  private static final long REPORT_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final ScheduledExecutorService timer;
  private final Duration headerTimeout;
  private final Duration idleTimeout;
  private final int maxConnections;
  private final int maxPerAddress;

  /** Look-ups from the I/O threads, without the lock. */
  private final Map<String, Watch> bySession = new ConcurrentHashMap<>();

  private final Map<SocketAddress, Watch> byRemote = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();

  // Guarded by this.
  private final Map<Object, Peer> peers = new HashMap<>();
  private int open;
  private long sequence;

  /** Told each time a connection not being served is closed to let a new one in. */
  private volatile Runnable onRoomMade = () -> {};

  private long evicted;
  private long refused;
  private long evictedSinceReport;
  private long refusedSinceReport;
  private long lastReport;
  private boolean reported;

  /** Where a connection is in its life. */
  private enum Stage {
    // In the order they make room (ACTIVE never does).

    /** Connected; no whole request head yet. */
    FRESH,
    /** Answered before its request was complete, and closing after a short drain. */
    CLOSING,
    /** Kept alive after an exchange: waiting for (the rest of) the next request's head. */
    WAITING,
    /** A request's head arrived; its answer is not yet complete. */
    ACTIVE
  }

  /** One connection, its stage and its pending deadline. */
  private static final class Watch {
    final IOSession session;
    final SocketAddress remote;
    final Peer peer;

    // Guarded by the guard's lock.
    Stage stage = Stage.FRESH;

    /** When it entered its stage, as a sequence number: the order of making room. */
    long since;

    /** Requests whose head arrived and whose answer is not complete (more than 1 if pipelined). */
    int exchanges;

    /** Closed to make room, or disconnected: no longer counted. */
    boolean gone;

    volatile ScheduledFuture<?> deadline;

    /** Kept alive after an exchange, waiting for the first byte of the next request. */
    volatile boolean idle;

    /** Answered early and closing: no later event may postpone the close. */
    volatile boolean closing;

    /** When the last answer's head was sent, and when bytes last arrived (System.nanoTime()). */
    volatile long answerStartedAt;

    volatile long inputAt;

    Watch(IOSession session, SocketAddress remote, Peer peer) {
      this.session = session;
      this.remote = remote;
      this.peer = peer;
    }
  }

  /** The connections of one address (or IPv6 /64). */
  private static final class Peer {
    final Object key;
    int open;

    /** Never sent a whole head, oldest first. */
    final LinkedHashSet<Watch> fresh = new LinkedHashSet<>();

    /** Answered early and draining before they close, oldest first. */
    final LinkedHashSet<Watch> closing = new LinkedHashSet<>();

    /** Kept alive between requests, longest waiting first. */
    final LinkedHashSet<Watch> waiting = new LinkedHashSet<>();

    /** Its connections that may make room, in the order they do. */
    final List<LinkedHashSet<Watch>> byTurn = List.of(fresh, closing, waiting);

    /** How many of its connections are not being served. */
    int notServed() {
      return fresh.size() + closing.size() + waiting.size();
    }

    /** Which of its connections makes room first, or {@code null}. */
    Watch firstToGo() {
      for (LinkedHashSet<Watch> kind : byTurn) {
        Iterator<Watch> it = kind.iterator();
        if (it.hasNext()) {
          return it.next();
        }
      }
      return null;
    }

    Peer(Object key) {
      this.key = key;
    }
  }

  ConnectionGuard(
      ScheduledExecutorService timer,
      Duration headerTimeout,
      Duration idleTimeout,
      int maxConnections,
      int maxPerAddress) {
    this.timer = timer;
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
    this.headerTimeout = headerTimeout;
    this.idleTimeout = idleTimeout;
  }

  /**
   * Connections accepted since the start, refused ones included; each counted once the caps have
   * been applied to it.
   */
  long accepted() {
    return accepted.get();
  }

  /** Runs {@code listener} each time a connection is closed to make room at a cap. */
  void onRoomMade(Runnable listener) {
    this.onRoomMade = listener;
  }

  /** Connections not being served closed to make room for new ones. */
  synchronized long evicted() {
    return evicted;
  }

  /** New connections closed at once because no connection could make room. */
  synchronized long refused() {
    return refused;
  }

  /** Connections open and counted. */
  synchronized int open() {
    return open;
  }

  /**
   * What connections are counted by for the per-address cap: the address, or for IPv6 its /64
   * (IPv4-mapped IPv6 addresses are already IPv4 addresses here).
   */
  static Object peerKey(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      InetAddress address = inet.getAddress();
      if (address instanceof Inet6Address) {
        return new Ipv6Prefix(ByteBuffer.wrap(address.getAddress()).getLong());
      }
      return address;
    }
    return remote;
  }

  /** The first 64 bits of an IPv6 address. */
  record Ipv6Prefix(long bits) {}

  @Override
  public void connected(IOSession session) {
    SocketAddress remote = session.getRemoteAddress();
    if (remote == null) {
      session.close(CloseMode.IMMEDIATE);
      accepted.incrementAndGet();
      return;
    }
    Watch victim;
    CloseMode victimClose = CloseMode.IMMEDIATE;
    boolean admitted;
    String report;
    synchronized (this) {
      Peer peer = peers.computeIfAbsent(peerKey(remote), Peer::new);
      if (peer.open >= maxPerAddress) {
        victim = peer.firstToGo();
      } else if (open >= maxConnections) {
        victim = victimAcrossPeers();
      } else {
        victim = null;
      }
      admitted = victim != null || (peer.open < maxPerAddress && open < maxConnections);
      if (victim != null) {
        // One still sending its first head gets a reset; one answered or kept alive a FIN, which
        // its client takes for the end of the answer or a stale connection.
        victimClose = victim.stage == Stage.FRESH ? CloseMode.IMMEDIATE : CloseMode.GRACEFUL;
        forget(victim);
      }
      if (admitted) {
        peers.putIfAbsent(peer.key, peer); // forgetting the victim may have emptied it
        Watch watch = new Watch(session, remote, peer);
        watch.since = ++sequence;
        peer.open++;
        open++;
        peer.fresh.add(watch);
        bySession.put(session.getId(), watch);
        byRemote.put(remote, watch);
        arm(watch, headerTimeout);
      } else if (peer.open == 0) {
        peers.remove(peer.key);
      }
      report = shed(victim != null, !admitted);
    }
    if (victim != null) {
      victim.session.close(victimClose);
      onRoomMade.run();
    }
    if (!admitted) {
      session.close(CloseMode.IMMEDIATE); // refused before it costs more than a socket
    }
    if (report != null) {
      LOG.warn("{}", report);
    }
    accepted.incrementAndGet(); // last: whoever sees the count sees the connection counted
  }

  /**
   * The connection to go first of the peer holding the most connections not being served; among
   * peers holding as many, the one whose connection to go is of the earlier kind, then the older.
   */
  private Watch victimAcrossPeers() {
    Watch best = null;
    int most = 0;
    for (Peer p : peers.values()) {
      int n = p.notServed();
      if (n == 0 || n < most) {
        continue;
      }
      Watch candidate = p.firstToGo();
      if (n > most
          || candidate.stage.ordinal() < best.stage.ordinal()
          || (candidate.stage == best.stage && candidate.since < best.since)) {
        best = candidate;
        most = n;
      }
    }
    return best;
  }

  /** Stops counting {@code watch} and forgets it; the caller closes its session. */
  private void forget(Watch watch) {
    // Guarded by this.
    if (watch.gone) {
      return;
    }
    watch.gone = true;
    Peer peer = watch.peer;
    for (LinkedHashSet<Watch> kind : peer.byTurn) {
      kind.remove(watch);
    }
    peer.open--;
    open--;
    if (peer.open == 0) {
      peers.remove(peer.key);
    }
    bySession.remove(watch.session.getId(), watch);
    byRemote.remove(watch.remote, watch);
    disarm(watch);
  }

  /** Counts a shedding; the line to log, at most once a minute. */
  private String shed(boolean evictedOne, boolean refusedOne) {
    // Guarded by this.
    if (!evictedOne && !refusedOne) {
      return null;
    }
    if (evictedOne) {
      evicted++;
      evictedSinceReport++;
    }
    if (refusedOne) {
      refused++;
      refusedSinceReport++;
    }
    long now = System.nanoTime();
    if (reported && now - lastReport < REPORT_EVERY_NANOS) {
      return null;
    }
    String line =
        "connection caps reached ("
            + maxConnections
            + " in all, "
            + maxPerAddress
            + " per address): "
            + evictedSinceReport
            + " connection(s) not being served closed to make room, "
            + refusedSinceReport
            + " new connection(s) refused, "
            + (reported ? "in the last minute" : "so far")
            + "; "
            + open
            + " open";
    reported = true;
    lastReport = now;
    evictedSinceReport = 0;
    refusedSinceReport = 0;
    return line;
  }

  @Override
  public void onRequestHead(HttpConnection connection, HttpRequest request) {
    Watch watch = byRemote.get(connection.getRemoteAddress());
    if (watch == null || watch.closing) {
      return;
    }
    synchronized (this) {
      if (watch.gone) {
        return;
      }
      watch.exchanges++;
      if (watch.stage != Stage.ACTIVE) {
        watch.peer.fresh.remove(watch);
        watch.peer.waiting.remove(watch);
        watch.stage = Stage.ACTIVE;
      }
    }
    watch.idle = false;
    disarm(watch);
  }

  @Override
  public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {
    Watch watch = byRemote.get(connection.getRemoteAddress());
    if (watch == null) {
      return;
    }
    if (keepAlive) {
      synchronized (this) {
        if (watch.gone || watch.closing) {
          return;
        }
        watch.exchanges = Math.max(0, watch.exchanges - 1);
        if (watch.exchanges > 0) {
          return; // a pipelined request is under way: it keeps the connection
        }
        watch.stage = Stage.WAITING;
        watch.since = ++sequence;
        watch.peer.waiting.add(watch);
      }
      // Bytes that arrived after the answer began are the next request's, read before this
      // exchange was told complete: its head already has only the header timeout.
      if (watch.inputAt - watch.answerStartedAt > 0 && watch.answerStartedAt != 0) {
        arm(watch, headerTimeout);
      } else {
        arm(watch, idleTimeout);
        watch.idle = true;
      }
    } else {
      synchronized (this) {
        if (!watch.gone && watch.stage != Stage.CLOSING) {
          watch.peer.fresh.remove(watch);
          watch.peer.waiting.remove(watch);
          watch.stage = Stage.CLOSING;
          watch.since = ++sequence;
          watch.peer.closing.add(watch);
        }
      }
      // An answer given before the request body was complete (408, 413, 401…). Closing at once
      // with body bytes still arriving makes the kernel reset the connection, which can destroy
      // the answer before the client reads it; HttpCore's graceful close drains the body, which
      // may never end. So: drain for a short, fixed time, then close whatever is left.
      watch.closing = true;
      disarm(watch);
      watch.deadline =
          timer.schedule(
              () -> watch.session.close(CloseMode.GRACEFUL),
              LINGER.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void disconnected(IOSession session) {
    // Keyed by the session's id: a closed socket may no longer know its remote address.
    Watch watch = bySession.get(session.getId());
    if (watch != null) {
      synchronized (this) {
        forget(watch);
      }
    }
  }

  private void arm(Watch watch, Duration timeout) {
    if (watch.closing) {
      return;
    }
    disarm(watch);
    watch.deadline =
        timer.schedule(
            () -> watch.session.close(CloseMode.IMMEDIATE),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private static void disarm(Watch watch) {
    ScheduledFuture<?> d = watch.deadline;
    if (d != null) {
      d.cancel(false);
    }
  }

  @Override
  public void onResponseHead(HttpConnection connection, HttpResponse response) {
    Watch watch = byRemote.get(connection.getRemoteAddress());
    if (watch != null) {
      watch.answerStartedAt = System.nanoTime();
    }
  }

  @Override
  public void startTls(IOSession session) {}

  /**
   * The first bytes of the next request on a kept-alive connection: its head now has the header
   * timeout.
   */
  @Override
  public void inputReady(IOSession session) {
    Watch watch = bySession.get(session.getId());
    if (watch == null) {
      return;
    }
    watch.inputAt = System.nanoTime();
    if (watch.idle) {
      watch.idle = false;
      arm(watch, headerTimeout);
    }
  }

  @Override
  public void outputReady(IOSession session) {}

  @Override
  public void timeout(IOSession session) {}

  @Override
  public void exception(IOSession session, Exception cause) {}
}
