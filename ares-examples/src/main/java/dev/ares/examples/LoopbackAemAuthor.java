package dev.ares.examples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for an AEM as a Cloud Service author host, on {@code 127.0.0.1} and a free port: it
 * answers every request as an author host answers an anonymous one, {@code 302} to its login page,
 * and counts them. The preflight's AEM check takes any status as proof that the environment exists,
 * so this is all it needs. For the bundled samples only; it reads nothing a client sends.
 */
final class LoopbackAemAuthor implements AutoCloseable {

  /** Where a real author host sends an anonymous visitor. */
  static final String LOGIN_PATH = "/libs/granite/core/content/login.html";

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger requests = new AtomicInteger();

  private LoopbackAemAuthor(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts the stand-in; close it when done. */
  static LoopbackAemAuthor start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread t = new Thread(runnable, "ares-loopback-aem");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    LoopbackAemAuthor author = new LoopbackAemAuthor(server, executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            author.requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", LOGIN_PATH);
            exchange.sendResponseHeaders(302, -1);
          }
        });
    server.start();
    return author;
  }

  /** {@code http://127.0.0.1:port}. */
  String baseUrl() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /**
   * The author URL template pointing here; the ids go into the path, as a loopback address has no
   * host name to carry them.
   */
  String urlTemplate() {
    return baseUrl() + "/author-p{programId}-e{environmentId}/";
  }

  /** How many requests were answered. */
  int requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
