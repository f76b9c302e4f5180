package dev.ares.core.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Peers that fail in one precise transport way, on loopback and without waiting on the network, so
 * that each {@code TransportFailure} can be produced through each client.
 */
public final class FaultyPeers {

  /** A host name that never resolves (RFC 6761 reserves {@code .invalid}). */
  public static final String UNKNOWN_HOST = "store.invalid";

  private FaultyPeers() {}

  /** A loopback port nothing listens on: connecting is refused at once. */
  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * A loopback port whose accept backlog is full: further connection attempts go unanswered until
   * the connect timeout. The sockets it opens are added to {@code closeables}.
   */
  public static int unansweredPort(List<AutoCloseable> closeables) throws IOException {
    ServerSocket full = new ServerSocket();
    closeables.add(full);
    full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
    int port = full.getLocalPort();
    for (int i = 0; i < 4; i++) {
      Socket filler = new Socket();
      closeables.add(filler);
      try {
        filler.connect(new InetSocketAddress("127.0.0.1", port), 100);
      } catch (SocketTimeoutException e) {
        break; // the backlog is full
      }
    }
    return port;
  }

  /**
   * A loopback port that answers every connection at once with plain HTTP, so a client speaking TLS
   * to it fails its handshake without waiting. Closed with {@code closeables}.
   */
  public static int plainHttpPort(List<AutoCloseable> closeables) throws IOException {
    ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    closeables.add(plain);
    Thread answering =
        new Thread(
            () -> {
              while (!plain.isClosed()) {
                try (Socket s = plain.accept()) {
                  s.getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                              .getBytes(StandardCharsets.US_ASCII));
                  s.getOutputStream().flush();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "test-plain-http");
    answering.setDaemon(true);
    answering.start();
    return plain.getLocalPort();
  }
}
