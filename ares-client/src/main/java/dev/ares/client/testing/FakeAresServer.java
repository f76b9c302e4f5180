package dev.ares.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ares.client.model.TenantInput;
import dev.ares.core.internal.http.JsonReplies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that speaks the ARES GraphQL wire form, for tests and examples that should
 * run the real HTTP path. It checks the three ARES headers as the service does (no API key: user
 * error {@code Client ID is missing}; no JWT: {@code JWT is required}), validates the tenant input
 * and registers tenants exactly as {@link InMemoryAresClient} does (the same fake service behind
 * both: {@code AresFakeContract} shows they behave alike). Answers can be scripted ({@link
 * #enqueue}: throttling with {@code Retry-After}, GraphQL and user errors, delays, dropped
 * connections) and every request is recorded ({@link #requests()}).
 *
 * <pre>{@code
 * try (FakeAresServer fake = FakeAresServer.start();
 *      AresClient ares = AresClient.builder().endpoint(fake.endpoint())
 *          .apiKey("key").environmentId("env").gatewaySignature("jwt").build()) {
 *   ares.registerTenant(tenant);
 * }
 * }</pre>
 */
public final class FakeAresServer implements AutoCloseable {

  /** The path the GraphQL endpoint is served on. */
  public static final String PATH = "/graphql";

  private final HttpServer server;
  private final ExecutorService executor;
  private final FakeAres fake = new FakeAres();

  private FakeAresServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a fake on a free loopback port. */
  public static FakeAresServer start() {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK, costing ~40 ms a request. Read once, when the JDK server first starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AtomicInteger threads = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              8,
              r -> {
                Thread t = new Thread(r, "fake-ares-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      FakeAresServer fake = new FakeAresServer(server, executor);
      server.createContext(PATH, fake::handle);
      server.setExecutor(executor);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the fake ARES server", e);
    }
  }

  /** The GraphQL endpoint, such as {@code http://127.0.0.1:54321/graphql}. */
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + PATH);
  }

  /**
   * Scripts the answers to the next requests, in order, one per request (so one per attempt of the
   * client); once they are used up the fake answers on its own again.
   */
  public FakeAresServer enqueue(FakeAnswer... answers) {
    fake.enqueue(answers);
    return this;
  }

  /** Every tenant input received with all headers present, in order, refused ones included. */
  public List<TenantInput> registrations() {
    return fake.registrations();
  }

  /** The registered tenants by id. */
  public Map<String, TenantInput> tenants() {
    return fake.tenants();
  }

  /** Every request received, in order, scripted answers included. */
  public List<ReceivedRequest> requests() {
    return fake.requests();
  }

  /** How many HTTP requests reached the endpoint. */
  public int requestCount() {
    return fake.requestCount();
  }

  /** Forgets tenants, recorded requests and the rest of the script. */
  public void reset() {
    fake.reset();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(FakeAres.MAX_REQUEST_BYTES + 1);
      }
      FakeAres.Reply reply =
          fake.handle(exchange.getRequestMethod(), exchange.getRequestHeaders()::getFirst, body);
      if (reply.drop()) {
        return; // closing an exchange that sent no headers closes the connection: no answer
      }
      if (!reply.delay().isZero()) {
        try {
          Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException e) { // close(): stop at once
          Thread.currentThread().interrupt();
          return;
        }
      }
      reply.headers().forEach(exchange.getResponseHeaders()::set);
      JsonReplies.send(exchange, reply.status(), reply.body());
    }
  }

  /** Stops the server and its threads at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeAresServer{endpoint=" + endpoint() + "}";
  }
}
